// The extension bundle carries no validator: deploy and Convert to v1.0 ask the language server
// (common/src/protocol.ts), so ajv, the validation core, the rules and the converter are only in
// the server's bundle. The schema documents themselves (76 KB) do ship in it: the deploy core's
// canonical comparison reads their read-only marks and shapes to tell a real change from the
// service's echo. Bundles the client as scripts/build.mjs does and reads what went in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..', '..');

test('the extension bundle holds no ajv, no validation, rule or conversion core', async () => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['client/src/extension.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    outfile: 'extension.js',
    logLevel: 'silent',
  });
  // What went into the output, not every file esbuild read: parts reach the core and the deploy
  // core through their indexes, and package.json's `"sideEffects"` (only test files have any) lets esbuild drop what
  // the extension does not use. Inputs are relative to the root; node_modules may sit behind a
  // symlink, so match by segment.
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  assert.ok(output, 'the build produced the extension bundle');
  const inputs = Object.entries(output.inputs)
    .filter(([, use]) => use.bytesInOutput > 0)
    .map(([p]) => p.split(path.sep).join('/'));
  const forbidden = [
    /\/node_modules\/ajv(-formats)?\//,
    /^node_modules\/ajv(-formats)?\//,
    /^core\/src\/(validate|schemas\.ts|schemaCompiler|schemaValidators|schemaErrors|rules\/|convert\/)/,
  ];
  const found = inputs.filter((p) => forbidden.some((f) => f.test(p)));
  assert.deepEqual(found, [], 'the extension bundle should leave these to the language server');
  assert.ok(
    inputs.some((p) => p.startsWith('client/src/')),
    'the bundle was built from the client',
  );
});
