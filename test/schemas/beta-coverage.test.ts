// Checks the committed beta schema against Microsoft's beta type maps (property-name lists per
// type; there is no beta CSDL). The type maps carry no property types, so the walk follows the
// schema's own x-graphType annotations from the policy and asserts, at every type reached, that
// each name the maps list (own and inherited) is present, and that enum members match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { enumOf, loadSchema, propertiesOf, refOf, metadataFile, type JsonSchema } from './support';

const G = 'microsoft.graph';
const POLICY = `${G}.accessPackageAssignmentPolicy`;

// Base types (the type maps do not record inheritance); from docs/policy-facts.md, "Where the
// schemas come from" and "Subject types and where they go".
const BASE: Record<string, string> = {
  accessPackageAssignmentPolicy: 'entity',
  customExtensionStageSetting: 'entity',
  customExtensionHandler: 'entity',
  accessPackageMultipleChoiceQuestion: 'accessPackageQuestion',
  accessPackageTextInputQuestion: 'accessPackageQuestion',
  accessPackageDynamicApprovalStage: 'approvalStage',
};
// The userSet types of docs/policy-facts.md ("Subject types and where they go"), each with base userSet.
const USER_SETS = [
  'singleUser', 'groupMembers', 'connectedOrganizationMembers', 'requestorManager', 'internalSponsors',
  'externalSponsors', 'targetUserSponsors', 'attributeRuleMembers', 'targetAgentIdentitySponsorsOrOwners',
];
for (const u of USER_SETS) BASE[u] = 'userSet';
const QUESTIONS = ['accessPackageMultipleChoiceQuestion', 'accessPackageTextInputQuestion'];

// Where the walk does not descend, and why.
const NOT_DESCENDED: Record<string, string> = {
  accessPackage: 'read-only navigation in beta (bodies use accessPackageId); allowed as any object',
  accessPackageCatalog: 'read-only navigation; allowed as any object',
  customCalloutExtension: 'referenced by id; its configuration is echoed by the service only',
  customAccessPackageWorkflowExtension: 'referenced by id (deprecated handlers)',
};

type TypeMap = Record<string, { properties?: string[]; navigationProperties?: string[] } | string[]>;

test('beta schema covers every property, enum member and userSet type the beta type maps list for the policy', (t) => {
  const maps: TypeMap = {};
  for (const k of ['entity', 'complex', 'enum']) Object.assign(maps, JSON.parse(readFileSync(metadataFile(`beta-${k}-types.json`), 'utf8'))[G]);
  const schema = loadSchema('beta');
  const problems: string[] = [];
  const names = (type: string): string[] => {
    const own = maps[type];
    if (!own || Array.isArray(own)) return [];
    const inherited = BASE[type] ? names(BASE[type]) : [];
    return [...inherited, ...(own.properties ?? []), ...(own.navigationProperties ?? [])];
  };

  // Family checks first: the discriminated userSet and question families, the merged stage.
  const branches = (def: string) => (schema.definitions[def]?.oneOf ?? []).map((s: JsonSchema) => s.$ref.replace(`#/definitions/${G}.`, ''));
  assert.deepEqual([...branches(`${G}.userSet`)].sort(), [...USER_SETS].sort(), 'userSet branches');
  assert.deepEqual([...branches(`${G}.accessPackageQuestion`)].sort(), [...QUESTIONS].sort(), 'question branches');
  assert.deepEqual(enumOf(propertiesOf(schema, `${G}.approvalStage`)!['@odata.type']), [
    `#${G}.approvalStage`,
    `#${G}.accessPackageDynamicApprovalStage`,
  ]);

  const visited = new Set<string>();
  const queue: Array<{ type: string; home: string }> = [{ type: 'accessPackageAssignmentPolicy', home: '' }];
  for (const u of USER_SETS) queue.push({ type: u, home: `${G}.${u}` });
  for (const q of QUESTIONS) queue.push({ type: q, home: `${G}.${q}` });
  queue.push({ type: 'accessPackageDynamicApprovalStage', home: `${G}.approvalStage` });
  let propertyCount = 0;
  let memberCount = 0;

  while (queue.length) {
    const { type, home } = queue.shift()!;
    if (visited.has(type)) continue;
    visited.add(type);
    if (!maps[type]) {
      problems.push(`${type} is not in the beta type maps`);
      continue;
    }
    const props = propertiesOf(schema, home);
    if (!props) {
      problems.push(`no schema definition ${home} for ${type}`);
      continue;
    }
    for (const name of names(type)) {
      propertyCount++;
      const prop = props[name];
      if (!prop) {
        problems.push(`property ${type}.${name} is missing`);
        continue;
      }
      const graphType = String(prop['x-graphType'] ?? '');
      const el = (/^Collection\((.+)\)$/.exec(graphType)?.[1] ?? graphType).replace(`${G}.`, '');
      if (el.startsWith('Edm.')) continue;
      const target = maps[el];
      if (!target) {
        problems.push(`${type}.${name}: x-graphType ${graphType} is not a beta type`);
        continue;
      }
      if (Array.isArray(target)) {
        memberCount += target.length;
        const values = enumOf(prop) ?? [];
        if (JSON.stringify([...values].sort()) !== JSON.stringify([...target].sort())) {
          problems.push(`${type}.${name}: enum ${JSON.stringify(values)} differs from the type map ${JSON.stringify(target)}`);
        }
        continue;
      }
      if (NOT_DESCENDED[el]) continue;
      const ref = refOf(prop);
      if (!ref) {
        problems.push(`${type}.${name}: no definition for ${el}`);
        continue;
      }
      // Abstract families (userSet, question) are checked through their branches above.
      if (schema.definitions[ref]?.oneOf) continue;
      queue.push({ type: el, home: ref });
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
  for (const reached of ['assignmentReviewSettings', 'accessPackageLocalizedText', 'verifiableCredentialType', 'customExtensionHandler']) {
    assert.ok(visited.has(reached), `walk reached ${reached}`);
  }
  t.diagnostic(`checked ${visited.size} types, ${propertyCount} properties, ${memberCount} enum members`);
});

test('beta free-string settings list exactly the documented spellings', () => {
  const schema = loadSchema('beta');
  const prop = (def: string, name: string) => propertiesOf(schema, `${G}.${def}`)![name];
  assert.deepEqual(enumOf(prop('requestorSettings', 'scopeType')), [
    'NoSubjects',
    'SpecificDirectorySubjects',
    'SpecificConnectedOrganizationSubjects',
    'AllConfiguredConnectedOrganizationSubjects',
    'AllExistingConnectedOrganizationSubjects',
    'AllExistingDirectoryMemberUsers',
    'AllExistingDirectorySubjects',
    'AllExternalSubjects',
  ]);
  assert.deepEqual(enumOf(prop('approvalSettings', 'approvalMode')), ['SingleStage', 'Serial', 'Parallel', 'NoApproval']);
  assert.deepEqual(enumOf(prop('assignmentReviewSettings', 'reviewerType')), ['Self', 'Reviewers', 'Manager']);
  assert.deepEqual(enumOf(prop('assignmentReviewSettings', 'recurrenceType')), ['weekly', 'monthly', 'quarterly', 'halfyearly', 'annual']);
  for (const [def, name] of [['requestorSettings', 'scopeType'], ['approvalSettings', 'approvalMode'], ['assignmentReviewSettings', 'reviewerType'], ['assignmentReviewSettings', 'recurrenceType']]) {
    assert.match(String(prop(def, name)['x-source']), /\S/, `${def}.${name} says where its values come from`);
  }
  assert.equal(POLICY, schema['x-graphType']);
});
