// Walks Microsoft's full v1.0 CSDL from accessPackageAssignmentPolicy and checks that the
// committed v1.0 schema knows every property, enum member and derived type a policy can reach,
// with CSDL's nullability. The walker here is deliberately separate from the generator's reader,
// so a mistake in one is caught by the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { acceptsNull, enumOf, loadSchema, propertiesOf, refOf, metadataFile, type JsonSchema } from './support';

const G = 'microsoft.graph';
const POLICY = `${G}.accessPackageAssignmentPolicy`;

// Derived types that the schema leaves out on purpose.
const EXCLUDED_DERIVED: Record<string, string> = {
  // Lifecycle Workflows scopes: subjectSet subtypes used by workflow execution conditions, never
  // by access package policies.
  [`${G}.identityGovernance.groupBasedSubjectSet`]: 'Lifecycle Workflows scope, not a policy subject',
  [`${G}.identityGovernance.ruleBasedSubjectSet`]: 'Lifecycle Workflows scope, not a policy subject',
};

// Non-contained navigations: the body references the target by id (or not at all), so the walk
// checks the property exists but does not descend into the target entity's own graph.
const NOT_DESCENDED: Record<string, string> = {
  [`${POLICY}.accessPackage`]: 'referenced as {"id": "<guid>"}',
  [`${POLICY}.catalog`]: 'read-only; allowed as any object',
  [`${G}.customExtensionStageSetting.customExtension`]: 'referenced as {"id": "<guid>"}',
};

// Where a type's properties live in the schema: stage subtypes share the plain stage definition.
const SCHEMA_HOME: Record<string, string> = {
  [POLICY]: '',
  [`${G}.accessPackageDynamicApprovalStage`]: `${G}.accessPackageApprovalStage`,
};

// The subject-set types a policy can use (docs/policy-facts.md, "Subject types and where they go").
const EXPECTED_SUBJECT_SETS = [
  'singleUser', 'groupMembers', 'connectedOrganizationMembers', 'requestorManager', 'internalSponsors',
  'externalSponsors', 'targetUserSponsors', 'attributeRuleMembers', 'singleServicePrincipal', 'targetManager',
  'targetApplicationOwners', 'targetAgentIdentitySponsorsOrOwners',
].map((n) => `${G}.${n}`);

interface Prop { name: string; type: string; nullable: boolean; nav: boolean; containsTarget: boolean }
interface CsdlType { fullName: string; kind: string; baseType?: string; abstract: boolean; props: Prop[]; members: string[] }

/** A minimal regex reader over the CSDL: types, base types, properties, navs and enum members. */
function readTypes(xml: string): Map<string, CsdlType> {
  const types = new Map<string, CsdlType>();
  const schemaStarts = [...xml.matchAll(/<Schema Namespace="([^"]+)"(?: Alias="([^"]+)")?/g)].map((m) => ({
    at: m.index ?? 0, ns: m[1], alias: m[2],
  }));
  const aliases = new Map<string, string>();
  for (const s of schemaStarts) {
    aliases.set(s.ns, s.ns);
    if (s.alias) aliases.set(s.alias, s.ns);
  }
  const resolve = (ref: string): string => {
    const coll = /^Collection\((.+)\)$/.exec(ref);
    if (coll) return `Collection(${resolve(coll[1])})`;
    const dot = ref.lastIndexOf('.');
    const ns = aliases.get(ref.slice(0, dot));
    return ns ? `${ns}.${ref.slice(dot + 1)}` : ref;
  };
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const re = /<(EntityType|ComplexType|EnumType)\b([^>]*?)(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const at = m.index;
    let body = '';
    if (!m[3]) {
      const close = xml.indexOf(`</${m[1]}>`, re.lastIndex);
      body = xml.slice(re.lastIndex, close);
      re.lastIndex = close;
    }
    const ns = schemaStarts.filter((s) => s.at < at).pop()!.ns;
    const base = attr(m[2], 'BaseType');
    const t: CsdlType = {
      fullName: `${ns}.${attr(m[2], 'Name')}`,
      kind: m[1],
      baseType: base ? resolve(base) : undefined,
      abstract: attr(m[2], 'Abstract') === 'true',
      props: [],
      members: [],
    };
    for (const p of body.matchAll(/<(Property|NavigationProperty|Member)\b([^>]*?)\/?>/g)) {
      if (p[1] === 'Member') t.members.push(attr(p[2], 'Name')!);
      else {
        t.props.push({
          name: attr(p[2], 'Name')!,
          type: resolve(attr(p[2], 'Type')!),
          nullable: attr(p[2], 'Nullable') !== 'false',
          nav: p[1] === 'NavigationProperty',
          containsTarget: attr(p[2], 'ContainsTarget') === 'true',
        });
      }
    }
    types.set(t.fullName, t);
  }
  return types;
}

function withInherited(types: Map<string, CsdlType>, name: string): Prop[] {
  const t = types.get(name);
  if (!t) return [];
  return [...(t.baseType ? withInherited(types, t.baseType) : []), ...t.props];
}

const element = (type: string) => /^Collection\((.+)\)$/.exec(type)?.[1] ?? type;

test('v1.0 schema covers every property, enum member and derived type reachable from the policy in the CSDL', (t) => {
  const types = readTypes(readFileSync(metadataFile('v1.0-csdl.xml'), 'utf8'));
  assert.ok(types.has(POLICY), 'the CSDL reader found the policy type');
  const schema = loadSchema('v1.0');
  const problems: string[] = [];
  const visited = new Set<string>();
  const queue = [POLICY];
  let propertyCount = 0;
  let memberCount = 0;

  const derivedOf = (name: string) =>
    [...types.values()].filter((c) => {
      for (let b = c.baseType; b; b = types.get(b)?.baseType) if (b === name) return true;
      return false;
    });

  while (queue.length) {
    const name = queue.shift()!;
    if (visited.has(name)) continue;
    visited.add(name);
    const home = SCHEMA_HOME[name] ?? name;
    const props = propertiesOf(schema, home);
    const abstractFamily = schema.definitions?.[name]?.oneOf;
    if (!props && !abstractFamily) {
      problems.push(`no schema definition for ${name}`);
      continue;
    }
    // Derived types: every one must be a branch of the family or a stage @odata.type value.
    for (const d of derivedOf(name)) {
      if (EXCLUDED_DERIVED[d.fullName]) continue;
      if (d.abstract) continue; // its concrete subtypes are found by the same (transitive) search
      const inFamily = (abstractFamily ?? []).some((s: JsonSchema) => s.$ref === `#/definitions/${d.fullName}`);
      const inStageTag = (enumOf(props?.['@odata.type'] ?? {}) ?? []).includes(`#${d.fullName}`);
      if (!inFamily && !inStageTag) problems.push(`derived type ${d.fullName} of ${name} is missing`);
      queue.push(d.fullName);
    }
    if (!props) continue; // abstract family root: its properties live on the branches
    if (SCHEMA_HOME[name] === undefined && name !== POLICY) {
      const tag = props['@odata.type'];
      if (abstractFamily === undefined && tag?.const !== undefined && tag.const !== `#${name}`) {
        problems.push(`${name} carries @odata.type ${tag.const}`);
      }
    }
    for (const p of withInherited(types, name)) {
      propertyCount++;
      const where = `${name}.${p.name}`;
      const prop = props[p.name];
      if (!prop) {
        problems.push(`property ${where} is missing`);
        continue;
      }
      if (p.nullable !== acceptsNull(prop)) {
        problems.push(`${where}: CSDL Nullable=${p.nullable} but the schema ${acceptsNull(prop) ? 'accepts' : 'rejects'} null`);
      }
      const el = element(p.type);
      const target = types.get(el);
      if (!target) {
        if (!el.startsWith('Edm.')) problems.push(`${where}: type ${el} not found in the CSDL`);
        continue;
      }
      if (target.kind === 'EnumType') {
        const values = enumOf(prop);
        memberCount += target.members.length;
        if (!values) problems.push(`${where}: no enum in the schema`);
        else if (JSON.stringify(values) !== JSON.stringify(target.members)) {
          problems.push(`${where}: enum ${JSON.stringify(values)} differs from CSDL ${JSON.stringify(target.members)}`);
        }
        continue;
      }
      if (p.nav && !p.containsTarget) {
        if (!NOT_DESCENDED[where]) problems.push(`${where}: non-contained navigation without a documented choice`);
        const ref = refOf(prop);
        if (ref && !propertiesOf(schema, ref)?.id) problems.push(`${where}: referenced ${ref} cannot carry an id`);
        continue;
      }
      const ref = refOf(prop);
      if (ref !== (SCHEMA_HOME[el] ?? el)) problems.push(`${where}: points at ${ref}, expected ${el}`);
      queue.push(el);
    }
  }

  const family = (schema.definitions[`${G}.subjectSet`].oneOf as JsonSchema[]).map((s) => s.$ref.replace('#/definitions/', ''));
  assert.deepEqual([...family].sort(), [...EXPECTED_SUBJECT_SETS].sort(), 'subject-set branches');
  assert.deepEqual(problems, [], problems.join('\n'));
  // The walk must have reached the deep parts (recurrence, questions, stages), not stopped early.
  for (const reached of [`${G}.recurrenceRange`, `${G}.accessPackageTextInputQuestion`, `${G}.accessPackageDynamicApprovalStage`, `${G}.targetManager`]) {
    assert.ok(visited.has(reached), `walk reached ${reached}`);
  }
  t.diagnostic(`checked ${visited.size} types, ${propertyCount} properties, ${memberCount} enum members`);
});
