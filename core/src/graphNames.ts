// Graph type names in their three spellings: `#microsoft.graph.singleUser` (an `@odata.type`
// value), `microsoft.graph.singleUser` (a schema definition, `x-graphType`) and `singleUser` (the
// name users know from the docs). Every part converts between them here, so a lenient spelling
// (no `#`, no namespace) is accepted the same way everywhere.

export const GRAPH_NAMESPACE = 'microsoft.graph.';

/** Any spelling → `singleUser`. Plain string tests, not a regular expression: this runs for every subject in a policy. */
export function shortTypeName(name: string): string {
  const start = name.startsWith('#') ? 1 : 0;
  return name.startsWith(GRAPH_NAMESPACE, start) ? name.slice(start + GRAPH_NAMESPACE.length) : name.slice(start);
}

/** Any spelling → `#microsoft.graph.singleUser`, the `@odata.type` value. */
export function odataTypeName(name: string): string {
  return `#${GRAPH_NAMESPACE}${shortTypeName(name)}`;
}

/** Any spelling → `microsoft.graph.singleUser`, the schema's definition key. */
export function graphTypeName(name: string): string {
  return GRAPH_NAMESPACE + shortTypeName(name);
}
