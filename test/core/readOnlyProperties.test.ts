// The read-only lists the rule, the deploy body and the comparison use come from the schemas'
// `readOnly` marks; these are the properties the service documents as its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceSetTopLevel, serviceStamps } from '../../core/src/readOnlyProperties';

test('the policy properties the service maintains, per version, the policy id aside', () => {
  assert.deepEqual([...serviceSetTopLevel('v1.0')].sort(), ['catalog', 'createdDateTime', 'modifiedDateTime']);
  assert.deepEqual([...serviceSetTopLevel('beta')].sort(), [
    'accessPackage',
    'accessPackageCatalog',
    'createdBy',
    'createdDateTime',
    'modifiedBy',
    'modifiedDateTime',
  ]);
});

test('the stamps ignored at every depth are the scalar ones of either version', () => {
  assert.deepEqual([...serviceStamps()].sort(), ['createdBy', 'createdDateTime', 'modifiedBy', 'modifiedDateTime']);
});
