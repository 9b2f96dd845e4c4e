// Microsoft's own example bodies (copied from the Graph docs into test/fixtures/microsoft) must pass the
// schema of their API version once the docs' "string (identifier)" placeholders are real GUIDs,
// and as they stand each placeholder must be reported as a uuid format error at its own path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorObject } from 'ajv';
import { validators } from './support';
import { docsExamples } from '../support/examples';

const PLACEHOLDER = 'string (identifier)';
const GUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** JSON pointers of every string equal to the placeholder. */
function placeholderPaths(value: unknown, at = ''): string[] {
  if (value === PLACEHOLDER) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholderPaths(v, `${at}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => placeholderPaths(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [];
}

function replacePlaceholders(value: unknown): unknown {
  if (value === PLACEHOLDER) return GUID;
  if (Array.isArray(value)) return value.map(replacePlaceholders);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replacePlaceholders(v)]));
  return value;
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('\n');

const examples = docsExamples();
const files = examples.map((e) => e.name);
const textOf = (file: string) => examples.find((e) => e.name === file)!.text;

test('the docs examples are present', () => {
  assert.ok(files.some((f) => f.startsWith('v1-')), 'at least one v1.0 example');
  assert.ok(files.some((f) => f.startsWith('beta-')), 'at least one beta example');
});

for (const file of files) {
  const version = file.startsWith('v1-') ? 'v1' : file.startsWith('beta-') ? 'beta' : undefined;
  test(`docs example ${file} validates against the ${version ?? '?'} schema once placeholders are GUIDs`, () => {
    assert.ok(version, `${file}: name must start with v1- or beta- to pick a schema`);
    const body = JSON.parse(textOf(file));
    const validate = validators()[version];
    const ok = validate(replacePlaceholders(body));
    assert.ok(ok, `${file}:\n${describeErrors(validate.errors)}`);
  });

  test(`docs example ${file} as it stands: each placeholder id fails format uuid, nothing else fails`, () => {
    const body = JSON.parse(textOf(file));
    const validate = validators()[version!];
    const placeholders = placeholderPaths(body);
    const ok = validate(body);
    if (placeholders.length === 0) {
      assert.ok(ok, `${file} has no placeholders and should be valid:\n${describeErrors(validate.errors)}`);
      return;
    }
    assert.equal(ok, false, `${file} has ${placeholders.length} placeholder(s) and must not validate`);
    const formatErrors = (validate.errors ?? []).filter((e) => e.keyword === 'format');
    assert.deepEqual(
      formatErrors.map((e) => `${e.instancePath} ${e.params.format}`).sort(),
      placeholders.map((p) => `${p} uuid`).sort(),
      `${file}: one uuid error per placeholder`,
    );
    // Other errors may only be the anyOf/null-branch echoes of those same format failures.
    for (const e of validate.errors ?? []) {
      if (e.keyword === 'format') continue;
      assert.ok(
        placeholders.some((p) => p.startsWith(`${e.instancePath}/`) || p === e.instancePath),
        `${file}: unexpected error ${e.instancePath} ${e.message}`,
      );
    }
  });
}
