// The bundles validate with ajv standalone code generated at build time; running from source, the
// schemas are compiled at start-up. Speed must never change a verdict: both paths give the same
// diagnostics, byte for byte, on every policy fixture in the repository and thousands of fuzzed
// documents (truncated, mutated, with random subtrees), checked as either API version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { validatePolicy, type ValidationOptions, type ValidationResult } from '../../core/src/validate';
import { fuzzDocument, rng } from '../support/fuzz';
import { REPO_ROOT } from '../support/examples';

type Validate = (text: string, options?: ValidationOptions) => ValidationResult;

const FIXTURE_DIRS = ['test/fixtures/workspace', 'test/fixtures/microsoft/examples', 'test/fixtures/real-world'];
const FUZZ_COUNT = 2000;

async function bundledValidate(): Promise<Validate> {
  const { precompiledValidatorsPlugin } = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts/precompiledValidators.mjs')).href)) as {
    precompiledValidatorsPlugin: (root: string) => import('esbuild').Plugin;
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-parity-'));
  try {
    const outfile = path.join(dir, 'core.js');
    // Built as the shipped bundles are (scripts/build.mjs): same plugin, same resolution.
    await build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ['core/src/validate.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      mainFields: ['module', 'main'],
      logLevel: 'warning',
      plugins: [precompiledValidatorsPlugin(REPO_ROOT)],
    });
    const bundled = readFileSync(outfile, 'utf8');
    assert.ok(!bundled.includes('compileSchema'), 'the bundle carries no ajv schema compiler');
    return (require(outfile) as { validatePolicy: Validate }).validatePolicy;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function verdict(result: ValidationResult): string {
  return JSON.stringify({
    apiVersion: result.apiVersion,
    source: result.apiVersionSource,
    diagnostics: result.diagnostics,
    internal: result.internalErrors.map((e) => e.rule),
  });
}

function fixtures(): { name: string; text: string }[] {
  return FIXTURE_DIRS.flatMap((dir) =>
    readdirSync(path.join(REPO_ROOT, dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(path.join(REPO_ROOT, dir, f), 'utf8') })),
  );
}

test('the bundled (precompiled) validators give the same diagnostics as the schemas compiled at run time', async () => {
  const bundled = await bundledValidate();
  const docs = fixtures();
  assert.ok(docs.length >= 10, 'the fixtures were found');
  const r = rng(20261201);
  const seeds = docs.map((d) => d.text);
  for (let n = 0; n < FUZZ_COUNT; n++) docs.push({ name: `fuzz #${n}`, text: fuzzDocument(n, seeds, r) });
  let schemaFindings = 0;
  for (const { name, text } of docs) {
    for (const defaultApiVersion of ['v1.0', 'beta'] as const) {
      const expected = validatePolicy(text, { defaultApiVersion });
      const actual = bundled(text, { defaultApiVersion });
      assert.equal(verdict(actual), verdict(expected), `${name} (default ${defaultApiVersion}):\n${text.slice(0, 2000)}`);
      schemaFindings += expected.diagnostics.filter((d) => d.code.startsWith('AP1')).length;
    }
  }
  // The comparison means something only if the documents reach the schema's error paths.
  assert.ok(schemaFindings > 1000, `schema findings compared: ${schemaFindings}`);
});
