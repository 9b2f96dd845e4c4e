// When a change is validated: a change after a pause at once; the changes of a burst (each soon
// after the one before, or while a validation waits) after twice the last validation's cost, so a
// large document is validated once at the burst's end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitAfterChange } from '../../server/src/features/validation';

test('a change after a pause is validated at once', () => {
  assert.equal(waitAfterChange(undefined, undefined, false), 0, 'the first change of a document');
  assert.equal(waitAfterChange(20, 500, false), 0, 'typing slower than the wait');
  assert.equal(waitAfterChange(20, 40, false), 0, 'exactly the wait since the previous change');
});

test('a change within a burst waits twice the last validation, within bounds', () => {
  assert.equal(waitAfterChange(20, 10, false), 40, 'soon after the previous change');
  assert.equal(waitAfterChange(20, 500, true), 40, 'a validation is still waiting: this change joins it');
  assert.equal(waitAfterChange(0.1, 1, false), 2, 'a small document waits at least 2 ms');
  assert.equal(waitAfterChange(400, 10, false), 300, 'a huge one at most 300 ms');
});
