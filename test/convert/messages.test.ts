// The words the Convert to v1.0 command shows: a refusal lists every reason; the apply prompt
// lists the conversion's notes (capped, the rest pointed to the output panel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPromptText, fileLabel, refusalText } from '../../client/src/convert/messages';
import { convertBetaToV1 } from '../../core/src/convert/betaToV1';

test('a refusal names the file and lists each reason as a bullet', () => {
  const result = convertBetaToV1(
    '{ "accessPackageId": "b2eba9a1-b357-42ee-83a8-336522ed6cbf", "verifiableCredentialSettings": { "credentialTypes": [ { "credentialType": "VerifiedEmployee" } ] }, "durationInDays": 30, "expirationDateTime": "2030-01-01T00:00:00Z" }',
  );
  assert.equal(result.ok, false);
  const text = refusalText('sales.accesspolicy.json', result as Extract<typeof result, { ok: false }>);
  assert.equal(text.message, 'sales.accesspolicy.json cannot be converted to v1.0.');
  const bullets = text.detail.split('\n').filter((l) => l.startsWith('• '));
  assert.equal(bullets.length, 2, text.detail);
  assert.match(text.detail, /verifiableCredentialSettings/);
  assert.match(text.detail, /durationInDays and expirationDateTime/);
});

test('the apply prompt names the file and lists the notes to check, at most ten', () => {
  const notes = Array.from({ length: 12 }, (_, i) => `note ${i + 1}`);
  const text = applyPromptText('sales.accesspolicy.json', { ok: true, text: '{}', notes });
  assert.equal(text.message, 'Apply the conversion to v1.0 to sales.accesspolicy.json?');
  assert.match(text.detail, /• note 10\n• … and 2 more \(see the output panel\)\./);
  assert.doesNotMatch(text.detail, /note 11/);
  assert.match(text.detail, /Undo/);
  assert.match(text.detail, /inferred .*\[INF\]/);
});

test('file labels come from the URI path, on either separator', () => {
  assert.equal(fileLabel('/work/policies/sales.accesspolicy.json'), 'sales.accesspolicy.json');
  assert.equal(fileLabel('c:\\p\\x.accesspolicy.json'), 'x.accesspolicy.json');
});
