// The hover knowledge covers both schemas: every property key of every type has a doc, every
// subject type a version defines has a type card with an example, and the enums users pick from
// most explain each value. When the schemas are regenerated with a new property, this fails until
// the property is described.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allProperties, definedTypes } from '../../core/src/knowledge/schemaFacts';
import { typeDoc } from '../../core/src/knowledge/typeDocs';
import { enumValueDoc } from '../../core/src/knowledge/enumDocs';
import { exampleObject, typeHover } from '../../core/src/knowledge/hoverText';
import { policySchema } from '../../core/src/schemas';
import type { ApiVersion } from '../../core/src/diagnostic';
import { shortTypeName } from '../../core/src/graphNames';
import { isSubjectSetType } from '../../core/src/knowledge/subjectTypes';

const VERSIONS: ApiVersion[] = ['v1.0', 'beta'];

for (const version of VERSIONS) {
  test(`every property key in the ${version} schema has a doc`, () => {
    const pairs = allProperties(version);
    assert.ok(pairs.length > 100, `expected the whole schema, got ${pairs.length} properties`);
    const missing = pairs.filter(({ schema }) => (schema.markdownDescription ?? '').trim().length < 10);
    assert.deepEqual(
      missing.map((m) => `${m.owner}.${m.property}`),
      [],
    );
  });

  test(`every ${version} subject type has a type card with properties and an example`, () => {
    const tags = [...definedTypes(version)];
    const subjectFamily =
      policySchema(version).definitions?.[version === 'v1.0' ? 'microsoft.graph.subjectSet' : 'microsoft.graph.userSet'];
    const subjectTags = (subjectFamily?.oneOf ?? []).map((b) => `#${b.$ref!.replace('#/definitions/', '')}`);
    assert.ok(subjectTags.length >= 9, `expected the ${version} subject family, got ${subjectTags.length}`);
    for (const tag of tags) {
      const doc = typeDoc(tag);
      assert.ok(doc, `no type doc for ${tag}`);
      if (!subjectTags.includes(tag)) continue;
      assert.ok(isSubjectSetType(tag), `${tag} is a subject type`);
      assert.ok(exampleObject(version, tag), `${shortTypeName(tag)} has a ${version} example`);
      const md = typeHover(version, tag) ?? '';
      assert.match(md, /\*\*Who acts:\*\*/);
      assert.match(md, new RegExp(`\\*\\*Allowed in \\(${version.replace('.', '\\.')}\\):\\*\\*`));
    }
  });
}

test('the skeletons are the required identifiers of each version', () => {
  assert.equal(
    exampleObject('v1.0', '#microsoft.graph.singleUser'),
    JSON.stringify({ '@odata.type': '#microsoft.graph.singleUser', userId: '00000000-0000-0000-0000-000000000000' }, null, 2),
  );
  assert.equal(
    exampleObject('beta', '#microsoft.graph.groupMembers'),
    JSON.stringify(
      { '@odata.type': '#microsoft.graph.groupMembers', id: '00000000-0000-0000-0000-000000000000', isBackup: false },
      null,
      2,
    ),
  );
  assert.equal(exampleObject('beta', '#microsoft.graph.targetManager'), undefined, 'beta has no targetManager');
});

test('the enums users choose from explain every value', () => {
  const cases: [string[], string[]][] = [
    [['microsoft.graph.allowedTargetScope'], (policySchema('v1.0').properties!.allowedTargetScope.enum ?? []) as string[]],
    [
      ['requestorSettings.scopeType'],
      (policySchema('beta').definitions!['microsoft.graph.requestorSettings'].properties!.scopeType.enum ?? []) as string[],
    ],
    [
      ['approvalSettings.approvalMode'],
      (policySchema('beta').definitions!['microsoft.graph.approvalSettings'].properties!.approvalMode.enum ?? []) as string[],
    ],
    [
      ['assignmentReviewSettings.reviewerType'],
      (policySchema('beta').definitions!['microsoft.graph.assignmentReviewSettings'].properties!.reviewerType.enum ?? []) as string[],
    ],
    [
      ['microsoft.graph.expirationPatternType'],
      (policySchema('v1.0').definitions!['microsoft.graph.expirationPattern'].properties!.type.enum ?? []) as string[],
    ],
    [
      ['microsoft.graph.accessPackageCustomExtensionStage'],
      (policySchema('v1.0').definitions!['microsoft.graph.customExtensionStageSetting'].properties!.stage.enum ?? []) as string[],
    ],
  ];
  for (const [keys, values] of cases) {
    const strings = values.filter((v): v is string => typeof v === 'string');
    assert.ok(strings.length >= 3, `${keys[0]}: schema lists values`);
    for (const v of strings) assert.ok(enumValueDoc(keys, v), `${keys[0]} value ${v} has no doc`);
  }
});
