// The layering docs/architecture.md states (section *Boundaries*) is held by eslint.config.mjs. A
// lint rule that silently stopped resolving imports would pass everything, so this lints small
// texts placed in each part and requires the violations to be reported and the allowed imports not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` as if it were the file `file` (relative to the root). */
async function reported(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const RESTRICTED_PATH = 'import-x/no-restricted-paths';
const RESTRICTED_IMPORT = '@typescript-eslint/no-restricted-imports';
const NODE_BUILTIN = 'import-x/no-nodejs-modules';

test('the core imports nothing of ours, no VS Code, no language protocol, no Node built-in', async () => {
  const file = 'core/src/probe.ts';
  assert.deepEqual(await reported(file, "export { startServer } from '../../server/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported(file, "export { CLOUDS } from '../../deploy/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported(file, "export { COMMANDS } from '../../common/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported(file, "export { readFileSync } from 'node:fs';\n"), [NODE_BUILTIN]);
  assert.deepEqual(await reported(file, "export { readFileSync } from 'fs';\n"), [NODE_BUILTIN]);
  assert.deepEqual(await reported(file, "export { window } from 'vscode';\n"), [RESTRICTED_IMPORT]);
  assert.deepEqual(await reported(file, "export { createConnection } from 'vscode-languageserver/node';\n"), [RESTRICTED_IMPORT]);
  assert.deepEqual(await reported(file, "export { parse } from 'jsonc-parser';\nexport { ParsedPolicy } from './parse';\n"), []);
});

test('other parts reach the core (and each other) only through the index', async () => {
  assert.deepEqual(await reported('server/src/probe.ts', "export { ParsedPolicy } from '../../core/src/parse';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported('server/src/probe.ts', "export { ParsedPolicy } from '../../core/src';\n"), []);
  assert.deepEqual(await reported('cli/src/probe.ts', "export { GraphClient } from '../../deploy/src/graph/graphClient';\n"), [
    RESTRICTED_PATH,
  ]);
  assert.deepEqual(await reported('cli/src/probe.ts', "export { GraphClient } from '../../deploy/src';\n"), []);
  assert.deepEqual(await reported('deploy/src/folder/probe.ts', "export { validatePolicy } from '../../../core/src/validate';\n"), [
    RESTRICTED_PATH,
  ]);
  assert.deepEqual(await reported('client/src/probe.ts', "export { COMMANDS } from '../../common/src/commands';\n"), [RESTRICTED_PATH]);
});

test('the client does not import the server or the CLI; the server and the CLI do not import the client', async () => {
  assert.deepEqual(await reported('client/src/probe.ts', "export { startServer } from '../../server/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported('client/src/probe.ts', "export { main } from '../../cli/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported('server/src/probe.ts', "export { activate } from '../../client/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported('server/src/probe.ts', "export { CLOUDS } from '../../deploy/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported('cli/src/probe.ts', "export { activate } from '../../client/src';\n"), [RESTRICTED_PATH]);
  assert.deepEqual(await reported('deploy/src/probe.ts', "export { main } from '../../cli/src';\n"), [RESTRICTED_PATH]);
});

test("VS Code is the client's alone; the deploy core and the CLI use no language protocol", async () => {
  for (const part of ['server', 'deploy', 'cli', 'common', 'standin']) {
    assert.deepEqual(await reported(`${part}/src/probe.ts`, "export { window } from 'vscode';\n"), [RESTRICTED_IMPORT], part);
  }
  assert.deepEqual(await reported('deploy/src/probe.ts', "export { createConnection } from 'vscode-languageserver/node';\n"), [
    RESTRICTED_IMPORT,
  ]);
  assert.deepEqual(await reported('cli/src/probe.ts', "export { createConnection } from 'vscode-languageserver/node';\n"), [
    RESTRICTED_IMPORT,
  ]);
  assert.deepEqual(await reported('client/src/probe.ts', "export { window } from 'vscode';\n"), []);
});

test('the stand-in shares nothing with the product, and the product does not import it; tests may', async () => {
  for (const part of ['core', 'deploy', 'client', 'common', 'server']) {
    assert.deepEqual(await reported('standin/src/probe.ts', `export * from '../../${part}/src';\n`), [RESTRICTED_PATH], part);
  }
  for (const part of ['core', 'deploy', 'client', 'cli', 'server', 'common']) {
    assert.deepEqual(
      await reported(`${part}/src/probe.ts`, "export { startTenantStandIn } from '../../standin/src';\n"),
      [RESTRICTED_PATH],
      part,
    );
  }
  assert.deepEqual(await reported('test/deploy/probe.ts', "export { startTenantStandIn } from '../../standin/src';\n"), []);
});

test('the shared contracts take only types from the core and the deploy core', async () => {
  assert.deepEqual(await reported('common/src/probe.ts', "export { validatePolicy } from '../../core/src';\n"), [RESTRICTED_IMPORT]);
  assert.deepEqual(await reported('common/src/probe.ts', "import { CLOUDS } from '../../deploy/src';\nexport const clouds = CLOUDS;\n"), [
    RESTRICTED_IMPORT,
  ]);
  assert.deepEqual(
    await reported(
      'common/src/probe.ts',
      "export type { ApiVersion } from '../../core/src';\nexport type { CloudName } from '../../deploy/src';\n",
    ),
    [],
  );
  assert.deepEqual(await reported('common/src/probe.ts', "export { readFileSync } from 'node:fs';\n"), [NODE_BUILTIN]);
});
