// The subject-set family is read off the schema's discriminated union; the slot table names its
// members by hand (which collection accepts which), so each name must be a member of the family of
// the version whose slot lists it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiVersion } from '../../core/src/diagnostic';
import { isSubjectSetType, subjectSetType, subjectSetTypes } from '../../core/src/knowledge/subjectTypes';
import { slotInfo, slotPatterns } from '../../core/src/knowledge/slots';

test('the family is the schema union: v1.0 subjectSet has the service-principal and target types, beta userSet does not', () => {
  const v1 = subjectSetTypes('v1.0');
  const beta = subjectSetTypes('beta');
  assert.equal(v1.length, 12);
  assert.equal(beta.length, 9);
  for (const t of ['singleServicePrincipal', 'targetManager', 'targetApplicationOwners']) {
    assert.ok(v1.includes(`#microsoft.graph.${t}`), `${t} in v1.0`);
    assert.ok(!beta.includes(`#microsoft.graph.${t}`), `${t} not in beta`);
  }
  assert.ok(isSubjectSetType('microsoft.graph.groupMembers'));
  assert.ok(!isSubjectSetType('#microsoft.graph.accessPackageTextInputQuestion'));
  assert.throws(() => subjectSetType('singelUser'), /not a subject set/);
});

for (const version of ['v1.0', 'beta'] as ApiVersion[]) {
  test(`every type a ${version} slot accepts is in the ${version} family`, () => {
    const family = new Set(subjectSetTypes(version));
    let checked = 0;
    for (const { slot } of slotPatterns(version)) {
      for (const t of slotInfo(version, slot)?.allowedTypes ?? []) {
        assert.ok(family.has(t), `${slot} lists ${t}, which ${version} does not have`);
        checked++;
      }
    }
    assert.ok(checked > 10);
  });
}
