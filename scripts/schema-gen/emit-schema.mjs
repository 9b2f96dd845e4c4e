// Turns a type model (the shape `readCsdl` returns) plus a version profile into a draft-07 JSON
// Schema following the project's conventions (see schemas/README.md). Shared by both API versions,
// so v1.0 and beta schemas can only differ where their models or profiles differ.
import { allProperties, derivedTypes, splitCollection } from './csdl-reader.mjs';

const INT32 = { type: 'integer', minimum: -2147483648, maximum: 2147483647 };

/** JSON Schema for an Edm primitive, or undefined if the name is not one we know. */
function edmSchema(edm) {
  switch (edm) {
    case 'Edm.String':
    case 'Edm.Binary':
      return { type: 'string' };
    case 'Edm.Boolean':
      return { type: 'boolean' };
    case 'Edm.Int32':
      return { ...INT32 };
    case 'Edm.Int16':
    case 'Edm.Int64':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return { type: 'integer' };
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
      return { type: 'number' };
    case 'Edm.DateTimeOffset':
      return { type: 'string', format: 'date-time' };
    case 'Edm.Duration':
      return { type: 'string', format: 'duration' };
    case 'Edm.Date':
      return { type: 'string', format: 'date' };
    case 'Edm.TimeOfDay':
      return { type: 'string', format: 'time' };
    case 'Edm.Guid':
      return { type: 'string', format: 'uuid' };
    default:
      return undefined;
  }
}

/** Formats whose value an environment value (`${var:name}`) may stand for: dates and durations differ per environment. */
const VAR_FORMATS = new Set(['date-time', 'duration', 'date']);

/**
 * A string slot that also takes references (schemas/README.md, References): a value starting with
 * `${` must be a reference of one of `kinds` (the core's parser says precisely what is wrong with a
 * malformed one); any other value keeps the slot's format. `x-references` names the kinds for
 * tools (hover, completion), so they read it from the schema rather than a second list.
 */
function acceptReferences(item, kinds) {
  const { format, ...rest } = item;
  return {
    ...rest,
    'x-references': kinds,
    if: { type: 'string', pattern: '^\\$\\{' },
    then: { pattern: `^\\$\\{(?:${kinds.join('|')}):(?:[^\\\\}]|\\\\[\\s\\S])+\\}$` },
    else: { format },
  };
}

const defRef = (name) => ({ $ref: `#/definitions/${name}` });
const odataType = (name) => `#${name}`;

/** Adds `null` to a scalar schema: `type: [t, "null"]`, and to its `enum` if it has one. */
function withNull(schema) {
  const out = { ...schema, type: [schema.type, 'null'] };
  if (schema.enum) out.enum = [...schema.enum, null];
  return out;
}

/**
 * Builds the schema.
 * profile: {
 *   apiVersion, id, title, description, root,
 *   discriminated: { [baseType]: { exclude?: string[] } },   // oneOf on @odata.type
 *   merged: { [baseType]: string[] },                        // one definition, optional @odata.type enum
 *   references: { [entityType]: string[] },                  // non-contained navs sent as {id}
 *   opaqueNavs: { ['Type.prop']: string },                   // read-only navs allowed as any object
 *   overrides: { ['Type.prop']: { format?, reference?, readOnly?, enum?, 'x-source'?, description? } },
 *                                                            // reference: the kind of ${kind:name} the id slot takes
 *   required: { [Type]: string[] },
 *   skip: { ['Type.prop']: string },                         // left out on purpose (reason)
 * }
 */
export function buildSchema(types, profile, { referenceKinds = {} } = {}) {
  const definitions = {};
  const pending = [];
  const seen = new Set();
  const used = { overrides: new Set(), required: new Set(), opaqueNavs: new Set(), skip: new Set() };

  const need = (name) => {
    if (!seen.has(name)) {
      seen.add(name);
      pending.push(name);
    }
  };
  const typeOf = (name) => {
    const t = types.get(name);
    if (!t) throw new Error(`${profile.apiVersion}: type ${name} is not in the input model`);
    return t;
  };

  /** Schema for one element type (no collection, no nullability). */
  const elementSchema = (element, context) => {
    const edm = edmSchema(element);
    if (edm) return edm;
    if (element.startsWith('Edm.')) throw new Error(`${context}: unsupported primitive ${element}`);
    const t = typeOf(element);
    if (t.kind === 'enum') return { type: 'string', enum: t.members.map((m) => m.name) };
    need(element);
    return defRef(element);
  };

  /** Schema for one property of definition `owner`, annotated. */
  const propertySchema = (owner, prop, { referenceShape = false } = {}) => {
    const key = `${owner}.${prop.name}`;
    const o = profile.overrides?.[key] ?? {};
    if (profile.overrides?.[key]) used.overrides.add(key);
    const { element, collection } = splitCollection(prop.type);
    // A referenced entity is identified by its id; everything else about it is only echoed back.
    let readOnly = o.readOnly === true || (referenceShape && prop.name !== 'id');
    let item;
    if (profile.opaqueNavs?.[key] !== undefined) {
      used.opaqueNavs.add(key);
      item = { type: 'object' };
      readOnly = true;
    } else if (referenceShape && !edmSchema(element) && typeOf(element).kind !== 'enum') {
      // Properties of a referenced entity are only echoed by the service; their inner shape is
      // not part of a policy body, so any object is accepted.
      item = { type: 'object' };
    } else if (referenceShape && !edmSchema(element)) {
      item = { type: 'string' };
    } else {
      item = elementSchema(element, key);
    }
    if (o.format) item = { ...item, format: o.format };
    if (o.enum) item = { ...item, enum: [...o.enum] };
    if (o.reference !== undefined) {
      if (!referenceKinds[o.reference] || o.reference === 'var')
        throw new Error(
          `${profile.apiVersion}: ${key} names reference kind ${o.reference}, which reference-kinds.json does not list as an object kind`,
        );
      if (item.format !== 'uuid') throw new Error(`${profile.apiVersion}: ${key} takes references but is not an id`);
      item = acceptReferences(item, [o.reference, 'var']);
    } else if (item.format && VAR_FORMATS.has(item.format) && referenceKinds.var) {
      item = acceptReferences(item, ['var']);
    }

    let schema;
    const isRef = item.$ref !== undefined || item.type === 'object';
    if (collection) {
      const arr = { type: 'array', items: item };
      schema = prop.nullable ? { anyOf: [{ type: 'null' }, arr] } : arr;
    } else if (isRef) {
      schema = prop.nullable ? { anyOf: [{ type: 'null' }, item] } : { ...item };
    } else {
      schema = prop.nullable ? withNull(item) : { ...item };
    }
    if (readOnly) schema.readOnly = true;
    if (o.description) schema.description = o.description;
    schema['x-graphType'] = prop.type;
    if (o['x-source']) schema['x-source'] = o['x-source'];
    return schema;
  };

  /** Flattened (inherited first) properties of `typeNames`, skipping deliberate exclusions. */
  const collectProperties = (owner, typeNames, options) => {
    const props = {};
    for (const typeName of typeNames) {
      for (const p of allProperties(types, typeName)) {
        const key = `${owner}.${p.name}`;
        if (profile.skip?.[key] !== undefined) {
          used.skip.add(key);
          continue;
        }
        if (props[p.name]) continue;
        if (options.referenceShape && p.nav) continue;
        if (
          p.nav &&
          !p.containsTarget &&
          !profile.references?.[splitCollection(p.type).element] &&
          profile.opaqueNavs?.[key] === undefined
        ) {
          throw new Error(`${profile.apiVersion}: navigation ${key} is neither a reference, opaque nor skipped`);
        }
        props[p.name] = propertySchema(owner, p, options);
      }
    }
    return Object.fromEntries(Object.entries(props).sort(([a], [b]) => a.localeCompare(b, 'en')));
  };

  const requiredFor = (name, extra = []) => {
    const req = [...extra, ...(profile.required?.[name] ?? [])];
    if (profile.required?.[name]) used.required.add(name);
    return req.length ? req : undefined;
  };

  const objectDefinition = (name, properties, required, extra = {}) => {
    const def = { type: 'object', 'x-graphType': name, ...extra, additionalProperties: false };
    if (required) {
      for (const r of required) {
        if (!(r in properties)) throw new Error(`${profile.apiVersion}: required ${name}.${r} is not a property`);
      }
      def.required = required;
    }
    def.properties = properties;
    return def;
  };

  const familyMembers = (base) => {
    const cfg = profile.discriminated[base];
    // Excluded types may be absent altogether (the v1.0 input slice leaves them out).
    const exclude = new Set(cfg.exclude ?? []);
    return derivedTypes(types, base).filter((d) => !exclude.has(d) && !typeOf(d).abstract);
  };

  const emitDefinition = (name) => {
    const t = typeOf(name);
    if (profile.discriminated?.[name]) {
      const members = familyMembers(name);
      if (members.length === 0) throw new Error(`${profile.apiVersion}: ${name} has no derived types`);
      definitions[name] = {
        type: 'object',
        'x-graphType': name,
        required: ['@odata.type'],
        discriminator: { propertyName: '@odata.type' },
        oneOf: members.map(defRef),
      };
      for (const m of members) {
        seen.add(m);
        const props = {
          '@odata.type': { const: odataType(m) },
          ...collectProperties(m, [m], {}),
        };
        definitions[m] = objectDefinition(m, props, requiredFor(m, ['@odata.type']));
      }
      return;
    }
    if (profile.merged?.[name]) {
      const members = [name, ...profile.merged[name]];
      for (const m of members) seen.add(m);
      const props = {
        '@odata.type': { type: 'string', enum: members.map(odataType) },
        ...collectProperties(name, members, {}),
      };
      definitions[name] = objectDefinition(name, props, requiredFor(name));
      return;
    }
    if (profile.references?.[name]) {
      const members = [name, ...profile.references[name]];
      const concrete = members.filter((m) => !typeOf(m).abstract);
      const props = collectProperties(name, members, { referenceShape: true });
      definitions[name] = objectDefinition(
        name,
        { '@odata.type': { type: 'string', enum: concrete.map(odataType) }, ...props },
        requiredFor(name),
      );
      return;
    }
    const unknownDerived = derivedTypes(types, name);
    if (unknownDerived.length > 0 || t.abstract) {
      throw new Error(
        `${profile.apiVersion}: ${name} is polymorphic (${unknownDerived.join(', ') || 'abstract'}) but the profile does not say how to model it`,
      );
    }
    definitions[name] = objectDefinition(name, collectProperties(name, [name], {}), requiredFor(name));
  };

  const rootType = typeOf(profile.root);
  const rootProps = {
    $schema: { type: 'string', description: 'Selects this schema; ignored by Microsoft Graph.' },
    '@odata.type': { const: odataType(profile.root) },
    ...collectProperties(profile.root, [profile.root], {}),
  };
  while (pending.length) emitDefinition(pending.shift());

  // Every profile entry must have been used: a stale name would silently stop applying.
  const stale = [
    ...Object.keys(profile.overrides ?? {}).filter((k) => !used.overrides.has(k)),
    ...Object.keys(profile.required ?? {}).filter((k) => !used.required.has(k)),
    ...Object.keys(profile.opaqueNavs ?? {}).filter((k) => !used.opaqueNavs.has(k)),
    ...Object.keys(profile.skip ?? {}).filter((k) => !used.skip.has(k)),
  ];
  if (stale.length) throw new Error(`${profile.apiVersion}: profile entries that matched nothing: ${stale.join(', ')}`);

  const sortedDefinitions = Object.fromEntries(
    Object.keys(definitions)
      .sort()
      .map((k) => [k, definitions[k]]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: profile.id,
    title: profile.title,
    description: profile.description,
    type: 'object',
    'x-graphType': rootType.fullName,
    'x-apiVersion': profile.apiVersion,
    additionalProperties: false,
    properties: rootProps,
    definitions: sortedDefinitions,
  };
}

/** Stable text: 2-space indent and a trailing newline. Key order is the builder's, which is fixed. */
export function serializeSchema(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
