// The validators are compiled from the schemas without their documentation keywords
// (core/src/schemaDocumentation.ts). What is taken away must be documentation only: a policy
// property that happens to be named like a keyword (`description`, `title`) is still checked, and
// the error names the Graph type from the stripped copy as it did from the documented schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutDocumentation } from '../../core/src/schemaDocumentation';
import { policySchema } from '../../core/src/schemas';
import { validatePolicy } from '../../core/src/validate';
import { SCHEMA_RECORDS } from '../../core/src/diagnostics/catalogue';

test('stripping removes documentation keywords at every schema position and keeps properties of that name', () => {
  const stripped = withoutDocumentation(policySchema('v1.0'));
  const text = JSON.stringify(stripped);
  for (const keyword of ['markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets'])
    assert.ok(!text.includes(`"${keyword}"`), keyword);
  assert.deepEqual(Object.keys(stripped.properties ?? {}), Object.keys(policySchema('v1.0').properties ?? {}));
  assert.ok(stripped.properties?.description, 'the policy property `description` stays');
  assert.equal(stripped.properties?.description.type, policySchema('v1.0').properties?.description.type);
});

test('a property named description is still checked, and findings name the Graph type', () => {
  const wrong = validatePolicy(
    JSON.stringify({ displayName: 'x', description: 5, expiration: { type: 'afterDuration', durationn: 'P1D' } }),
  );
  const wrongType = wrong.diagnostics.find((d) => d.code === SCHEMA_RECORDS.wrongType.code);
  assert.deepEqual(wrongType?.path, ['description']);
  const unknown = wrong.diagnostics.find((d) => d.code === SCHEMA_RECORDS.unknownProperty.code);
  assert.match(unknown?.message ?? '', /expirationPattern/);
});
