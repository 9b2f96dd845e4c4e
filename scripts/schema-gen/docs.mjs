// Writes the project's documentation into a built schema, in the keywords JSON editors read
// (vscode-json-languageservice and the editors built on it): `markdownDescription` on every
// documented property and on each type with a type card, `markdownEnumDescriptions` beside an
// `enum`, and `defaultSnippets` (the policy snippets at the root, one ready-made entry per type on
// the discriminated unions). The prose is the data in schemas/inputs/docs/, the same files the
// editor's hover reads, so someone pointing plain JSON at the published schema sees the same words.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DOCS_DIR = 'docs';

/** The documentation tables from `inputsDir/docs/`. */
export function loadDocs(inputsDir) {
  const read = (name) => {
    const file = path.join(inputsDir, DOCS_DIR, name);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      if (e instanceof SyntaxError) throw new Error(`${DOCS_DIR}/${name} is not valid JSON: ${e.message}`);
      if (e && e.code === 'ENOENT') throw new Error(`${DOCS_DIR}/${name} not found at ${file}`);
      throw e;
    }
  };
  return {
    properties: read('properties.json'),
    enums: read('enums.json'),
    types: read('types.json'),
    correspondence: read('correspondence.json'),
  };
}

const OTHER = { 'v1.0': 'beta', beta: 'v1.0' };
const INFERRED_NOTE = "_Inferred: not confirmed by Microsoft's documentation._";
const short = (name) => name.replace(/^#?(microsoft\.graph\.)?/, '');

/** A property's documentation in one version: its text, how the other version says it, and whether it is inferred. */
export function propertyMarkdown(doc, version, counterpart) {
  const text = typeof doc.text === 'string' ? doc.text : (doc.text[version] ?? doc.text['v1.0'] ?? doc.text.beta ?? '');
  const parts = [text];
  if (counterpart) parts.push(`**In ${OTHER[version]}:** ${counterpart}`);
  if (doc.inferred) parts.push(INFERRED_NOTE);
  return parts.join('\n\n');
}

/** A type card without the parts that come from the schema: what the entry is, who acts, the version's note. */
function typeMarkdown(type, version) {
  const parts = [type.summary, `**Who acts:** ${type.whoActs}`];
  if (type.notes?.[version]) parts.push(type.notes[version]);
  if (type.inferred) parts.push(`_Inferred: ${type.inferred}_`);
  return parts.join('\n\n');
}

/** The `@odata.type` values of a discriminated definition's members. */
function memberNames(schema, base) {
  return (schema.definitions[base]?.oneOf ?? []).map((b) => b.$ref.replace('#/definitions/', ''));
}

/** Family doc key for each definition that belongs to a family. */
function familiesOf(schema, families) {
  const out = new Map();
  for (const [key, family] of Object.entries(families)) {
    const members = [...(family.membersOf ?? []).flatMap((base) => memberNames(schema, base)), ...(family.types ?? [])];
    for (const m of members) out.set(short(m), key);
  }
  return out;
}

function enumMeaning(enums, key, value) {
  let table = enums[key];
  if (typeof table === 'string') table = enums[table];
  return table?.[value];
}

/** Where a property's `enum` sits: on the property (nullable scalars too) or on its items. */
function enumHolder(prop) {
  if (Array.isArray(prop.enum)) return prop;
  if (prop.items && Array.isArray(prop.items.enum)) return prop.items;
  return undefined;
}

function graphTypeOf(prop) {
  const t = prop['x-graphType'];
  return typeof t === 'string' && !t.startsWith('Edm.') && !t.startsWith('Collection(') ? t : undefined;
}

/** A snippet body for a new object of `type` in `version`, from its skeleton, or undefined. */
function skeletonBody(type, tag, version) {
  const entries = type?.skeleton?.[version];
  if (!entries) return undefined;
  const body = { '@odata.type': tag };
  let stop = 1;
  for (const e of entries) body[e.key] = 'placeholder' in e ? `\${${stop++}:${e.placeholder}}` : e.value;
  return body;
}

/** The policy snippets whose `$schema` names this version's schema file, as root defaultSnippets. */
function policySnippets(snippets, schemaFile) {
  return Object.values(snippets)
    .filter((s) => s.body.some((line) => line.includes(`/${schemaFile}"`)))
    .map((s) => ({ label: s.prefix, description: s.description, bodyText: s.body.join('\n') }));
}

/**
 * Adds the documentation keywords to `schema` (built by emit-schema.mjs) in place. `snippets` is
 * the parsed snippets file; `schemaFile` the schema's own file name (which snippets are its own).
 */
export function annotateSchema(schema, docs, version, { snippets, schemaFile } = {}) {
  const props = docs.properties.properties;
  const families = familiesOf(schema, docs.properties.families ?? {});
  const enums = docs.enums.enums;
  const types = new Map(docs.types.types.map((t) => [t.name, t]));
  const unused = new Set(Object.keys(props).filter((k) => k !== '*' && !k.startsWith('_')));
  const counterparts = new Map();
  for (const row of docs.correspondence.properties) if (row.counterpart) counterparts.set(`${row.owner}.${row.property}`, row.counterpart);
  const unusedCounterparts = new Set(counterparts.keys());

  const annotateObject = (owner, objectSchema) => {
    for (const [name, prop] of Object.entries(objectSchema.properties ?? {})) {
      const family = families.get(owner);
      // The owner's own doc, else its family's, else the one for any object, with that entry's counterpart.
      const keys = [owner, family, '*'].filter(Boolean);
      const docKey = keys.find((k) => props[k]?.[name]);
      if (docKey === owner) unused.delete(owner);
      if (docKey) {
        const counterpart = counterparts.get(`${docKey}.${name}`);
        if (counterpart) unusedCounterparts.delete(`${docKey}.${name}`);
        prop.markdownDescription = propertyMarkdown(props[docKey][name], version, counterpart);
      }
      const holder = enumHolder(prop);
      if (holder) {
        const enumKeys = [graphTypeOf(prop), `${owner}.${name}`].filter(Boolean);
        const meanings = holder.enum.map(
          (v) => (typeof v === 'string' ? enumKeys.map((k) => enumMeaning(enums, k, v)).find(Boolean) : undefined) ?? '',
        );
        if (meanings.some((m) => m !== '')) holder.markdownEnumDescriptions = meanings;
      }
    }
  };

  annotateObject('policy', schema);
  if (snippets && schemaFile) {
    const own = policySnippets(snippets, schemaFile);
    if (own.length > 0) schema.defaultSnippets = own;
  }
  for (const [defName, def] of Object.entries(schema.definitions)) {
    const owner = short(defName);
    annotateObject(owner, def);
    const type = types.get(owner);
    if (type && def.properties?.['@odata.type']?.const !== undefined) def.markdownDescription = typeMarkdown(type, version);
    if (def.oneOf) {
      const own = def.oneOf
        .map((b) => b.$ref.replace('#/definitions/', ''))
        .map((m) => ({ m, body: skeletonBody(types.get(short(m)), `#${m}`, version) }))
        .filter((x) => x.body)
        .map(({ m, body }) => ({ label: short(m), description: types.get(short(m)).summary, body }));
      if (own.length > 0) def.defaultSnippets = own;
    }
  }
  return { unusedOwners: unused, unusedCounterparts };
}
