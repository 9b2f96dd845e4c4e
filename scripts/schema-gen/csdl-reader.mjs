// A small, dependency-free reader for the parts of an OData CSDL (XML) document that the schema
// generator needs: entity, complex and enum types with their properties, navigation properties,
// base types and enum members. Graph's CSDL is regular machine output, so a regex walk over the
// element tags is enough; no XML parser is installed and none is needed.

const TYPE_ELEMENT = /<(EntityType|ComplexType|EnumType)\b([^>]*?)(\/?)>/g;
const SCHEMA_ELEMENT = /<Schema\b([^>]*)>/g;

/** Parses `name="value"` pairs of one tag. */
export function readAttributes(tagText) {
  const attrs = {};
  for (const m of tagText.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) attrs[m[1]] = decodeXml(m[2]);
  return attrs;
}

function decodeXml(s) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Reads a CSDL document.
 * Returns { types: Map<fullName, TypeInfo>, schemas: [{namespace, alias}] }, where TypeInfo is
 * { fullName, name, namespace, kind: 'entity'|'complex'|'enum', baseType?, abstract, openType,
 *   properties: [{ name, type, nullable, nav: false }], navigationProperties: [{ name, type,
 *   nullable, nav: true, containsTarget }], members: [{ name, value }], text }
 * All type references are resolved to full names (aliases such as `graph.` expanded), and
 * `Collection(...)` is kept as a wrapper around the resolved name.
 */
export function readCsdl(xml) {
  if (typeof xml !== 'string' || !xml.includes('<Schema')) {
    throw new Error('not a CSDL document: no <Schema> element found');
  }
  const schemas = [];
  for (const m of xml.matchAll(SCHEMA_ELEMENT)) {
    const a = readAttributes(m[1]);
    if (!a.Namespace) continue;
    schemas.push({ start: m.index, namespace: a.Namespace, alias: a.Alias });
  }
  const aliasToNamespace = new Map();
  for (const s of schemas) {
    aliasToNamespace.set(s.namespace, s.namespace);
    if (s.alias) aliasToNamespace.set(s.alias, s.namespace);
  }
  const resolveName = (ref) => {
    const dot = ref.lastIndexOf('.');
    if (dot < 0) return ref;
    const prefix = ref.slice(0, dot);
    const ns = aliasToNamespace.get(prefix);
    return ns ? `${ns}.${ref.slice(dot + 1)}` : ref;
  };
  const resolveType = (ref) => {
    const coll = /^Collection\((.+)\)$/.exec(ref);
    return coll ? `Collection(${resolveName(coll[1])})` : resolveName(ref);
  };

  const types = new Map();
  TYPE_ELEMENT.lastIndex = 0;
  let m;
  while ((m = TYPE_ELEMENT.exec(xml)) !== null) {
    const [openTag, element, attrText, selfClosing] = m;
    const start = m.index;
    let end = start + openTag.length;
    let body = '';
    if (!selfClosing) {
      const close = xml.indexOf(`</${element}>`, end);
      if (close < 0) throw new Error(`unterminated <${element}> at offset ${start}`);
      body = xml.slice(end, close);
      end = close + element.length + 3;
    }
    const attrs = readAttributes(attrText);
    let schema;
    for (const s of schemas) if (s.start < start) schema = s;
    if (!schema || !attrs.Name) continue;
    const fullName = `${schema.namespace}.${attrs.Name}`;
    const info = {
      fullName,
      name: attrs.Name,
      namespace: schema.namespace,
      kind: element === 'EntityType' ? 'entity' : element === 'ComplexType' ? 'complex' : 'enum',
      baseType: attrs.BaseType ? resolveName(attrs.BaseType) : undefined,
      abstract: attrs.Abstract === 'true',
      openType: attrs.OpenType === 'true',
      properties: [],
      navigationProperties: [],
      members: [],
      text: xml.slice(start, end),
    };
    for (const p of body.matchAll(/<(Property|NavigationProperty|Member)\b([^>]*?)\/?>/g)) {
      const a = readAttributes(p[2]);
      if (!a.Name) continue;
      if (p[1] === 'Member') {
        info.members.push({ name: a.Name, value: a.Value });
      } else if (p[1] === 'Property') {
        info.properties.push({ name: a.Name, type: resolveType(a.Type), nullable: a.Nullable !== 'false', nav: false });
      } else {
        info.navigationProperties.push({
          name: a.Name,
          type: resolveType(a.Type),
          nullable: a.Nullable !== 'false',
          nav: true,
          containsTarget: a.ContainsTarget === 'true',
        });
      }
    }
    types.set(fullName, info);
    TYPE_ELEMENT.lastIndex = end;
  }
  return { types, schemas: schemas.map(({ namespace, alias }) => ({ namespace, alias })) };
}

/** `Collection(x)` → { element: 'x', collection: true }. */
export function splitCollection(typeRef) {
  const coll = /^Collection\((.+)\)$/.exec(typeRef);
  return coll ? { element: coll[1], collection: true } : { element: typeRef, collection: false };
}

/** Every type whose base chain includes `baseName` (not the base itself). */
export function derivedTypes(types, baseName) {
  const out = [];
  for (const t of types.values()) {
    let b = t.baseType;
    while (b) {
      if (b === baseName) {
        out.push(t.fullName);
        break;
      }
      b = types.get(b)?.baseType;
    }
  }
  return out.sort();
}

/** Own and inherited properties (base first), structural and navigation. */
export function allProperties(types, fullName) {
  const chain = [];
  let t = types.get(fullName);
  while (t) {
    chain.unshift(t);
    t = t.baseType ? types.get(t.baseType) : undefined;
  }
  return chain.flatMap((c) => [...c.properties, ...c.navigationProperties]);
}
