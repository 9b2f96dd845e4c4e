// A Graph error to answer with: the route throws it, the handler sends it in Graph's error shape.
export class HttpProblem {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export function notFound(what: string): HttpProblem {
  return new HttpProblem(404, 'ResourceNotFound', `${what} was not found.`);
}

export function methodNotAllowed(): HttpProblem {
  return new HttpProblem(405, 'Request_BadRequest', 'The HTTP method is not allowed on this resource.');
}

/** Graph's answer to `$expand` of a navigation the type does not have (docs/policy-facts.md, "Reading a tenant"). */
export function unknownProperty(name: string, type: string): HttpProblem {
  return new HttpProblem(400, 'BadRequest', `Could not find a property named '${name}' on type '${type}'.`);
}
