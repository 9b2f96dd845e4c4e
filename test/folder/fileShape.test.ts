// The pieces under pull and plan, in-process: safe names, canonical durations and dates, and the
// in-place update of an existing file that keeps the author's text wherever only the service's
// spelling differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeSegment, uniqueSegments } from '../../deploy/src/folder/safeName';
import { canonicalDateTime, canonicalDuration, canonicalPolicy } from '../../deploy/src/folder/policyShape';
import { updatedPolicyFileText } from '../../deploy/src/folder/policyFileText';

test('safe names: refused characters, trailing dots and spaces, reserved device names, leading dots, length', () => {
  assert.equal(safeSegment('Finance / Payroll'), 'Finance _ Payroll');
  assert.equal(safeSegment('R&D: Labs?'), 'R&D_ Labs_');
  assert.equal(safeSegment('Legal. '), 'Legal');
  assert.equal(safeSegment('CON'), 'CON_');
  assert.equal(safeSegment('nul.txt'), 'nul.txt_');
  assert.equal(safeSegment('.git'), '_git');
  assert.equal(safeSegment('   '), '_');
  assert.equal([...safeSegment('x'.repeat(200))].length, 80);
  const named = uniqueSegments([
    { id: 'aaaaaaaa-1', displayName: 'Same' },
    { id: 'bbbbbbbb-2', displayName: 'same' },
    { id: 'cccccccc-3', displayName: 'Other' },
  ]);
  assert.deepEqual([...named.values()], ['Same (aaaaaaaa)', 'same (bbbbbbbb)', 'Other']);
});

test('canonical durations and date-times', () => {
  assert.equal(canonicalDuration('PT336H'), 'P14D');
  assert.equal(canonicalDuration('P2W'), 'P14D');
  assert.equal(canonicalDuration('PT36H'), 'P1DT12H');
  assert.equal(canonicalDuration('PT0S'), 'PT0S');
  assert.equal(canonicalDuration('P0D'), 'PT0S');
  assert.equal(canonicalDuration('P1M'), 'P1M', 'months have no fixed length');
  assert.equal(canonicalDuration('nonsense'), 'nonsense');
  assert.equal(canonicalDateTime('2030-06-30T23:59:59Z'), canonicalDateTime('2030-06-30T23:59:59.000+00:00'));
  const a = canonicalPolicy({ expiration: { type: 'afterDuration', duration: 'P14D' }, accessPackage: { id: 'AB' } }, 'v1.0');
  const b = canonicalPolicy(
    { expiration: { endDateTime: null, duration: 'PT336H', type: 'afterDuration' }, accessPackage: { id: 'ab', displayName: 'x' } },
    'v1.0',
  );
  assert.deepEqual(a, b);
});

test("an existing file is updated in place: the changed value only; the author's P14D, comments and order stay", () => {
  const text = `// mine
{
  "displayName": "Mine",
  "id": "11111111-1111-1111-1111-111111111111",
  /* kept */ "description": "old",
  "expiration": { "type": "afterDuration", "duration": "P14D" }, // two weeks
  "accessPackage": { "id": "22222222-2222-2222-2222-222222222222" }
}
`;
  const tenant = {
    id: '11111111-1111-1111-1111-111111111111',
    displayName: 'Mine',
    description: 'new',
    expiration: { endDateTime: null, duration: 'PT336H', type: 'afterDuration' },
    accessPackage: { id: '22222222-2222-2222-2222-222222222222' },
  };
  const out = updatedPolicyFileText(text, tenant, 'v1.0');
  assert.equal(out, text.replace('"old"', '"new"'));
  assert.equal(updatedPolicyFileText(out, tenant, 'v1.0'), out, 'nothing left to change');
  assert.throws(() => updatedPolicyFileText('[1, 2]', tenant, 'v1.0'), /does not hold a JSON object/);
});
