// The editor and CI must agree: for the same files, the bundled server's diagnostics and the
// CLI's JSON report carry the same codes, severities, messages and ranges.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, REPO_ROOT, type LspSession } from './lspClient';
import { docsExamples, withGuids } from '../support/examples';

let lsp: LspSession | undefined;
after(async () => lsp?.stop());

const SEVERITY = ['', 'error', 'warning', 'information'];

test('server and CLI report the same diagnostics for the same files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-parity-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  for (const ex of docsExamples()) {
    const base = ex.name.replace(/\.json$/, '');
    const variants: [string, string][] = [
      ['published', ex.text],
      ['guids', withGuids(ex.text)],
      // Break some service rules and schema rules at once.
      [
        'broken',
        withGuids(ex.text)
          .replace(/"isApprovalRequired(ForAdd)?": false/, '"isApprovalRequired$1": true')
          .replace(/"managerLevel": \d/, '"managerLevel": 7')
          .replace(/"P14D"/, '"P2D"')
          .replace(/"displayName": "[^"]*"/, '"displayname": "x"'),
      ],
    ];
    for (const [kind, text] of variants) {
      const file = path.join(dir, `${base}.${kind}.accesspolicy.json`);
      writeFileSync(file, text);
      files.push(file);
    }
  }
  const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'validate', '--format', 'json', ...files], {
    encoding: 'utf8',
  });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  const report = JSON.parse(cli.stdout) as {
    file: string;
    diagnostics: { severity: string; code: string; codeDescription: unknown; message: string; range: unknown }[];
  }[];
  assert.equal(report.length, files.length);

  const session = await startServer();
  lsp = session;
  let compared = 0;
  for (const entry of report) {
    const uri = pathToFileURL(entry.file).toString();
    session.open(uri, readFileSync(entry.file, 'utf8'));
    const fromServer = (await session.diagnostics(uri)).map((d: Diagnostic) => ({
      severity: SEVERITY[d.severity ?? 1],
      code: String(d.code),
      codeDescription: d.codeDescription,
      message: d.message,
      range: d.range,
    }));
    assert.deepEqual(fromServer, entry.diagnostics, entry.file);
    compared += fromServer.length;
  }
  assert.ok(compared > 10, `compared ${compared} diagnostics, expected the broken variants to produce many`);
});
