// Every published diagnostic links its code to the code's entry in docs/rules.md (LSP
// `codeDescription.href`), the URL derived from the manifest's `repository`, so the Problems panel's
// code opens the row that explains it. Over LSP against the server's core, in-process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startInProcessServer, REPO_ROOT, type LspSession } from './lspClient';
import { validatePolicy } from '../../core/src/validate';
import { publishedDiagnostics } from '../../server/src/features/diagnostics';
import { repository } from '../../package.json';

let lsp: LspSession;
before(async () => {
  lsp = await startInProcessServer();
});
after(async () => lsp?.stop());

const rulesDoc = readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
const DOCS = repository.url.replace(/\.git$/, '') + '/blob/main/docs/rules.md#';

/** A v1.0 body with a schema error (AP1003), an unknown property (AP1001) and rule findings. */
const BODY = `{
  "displayName": "Sales",
  "accessPackage": { "id": "1623f912-5e86-41c2-af47-39dd67582b66" },
  "allowedTargetScope": "allmemberusers",
  "createdDateTime": "2026-01-01T00:00:00Z",
  "colour": "blue",
  "requestApprovalSettings": { "isApprovalRequiredForAdd": true, "stages": [] }
}`;

test('each diagnostic published over LSP carries codeDescription.href to its row in docs/rules.md', async () => {
  const uri = 'file:///work/code-links.accesspolicy.json';
  lsp.open(uri, BODY);
  const published = await lsp.diagnostics(uri);
  const codes = published.map((d) => String(d.code)).sort();
  assert.deepEqual(codes, ['AP1001', 'AP1003', 'AP2003', 'AP2042'], 'the document has the findings this test is about');
  for (const d of published) {
    const code = String(d.code);
    assert.equal(d.codeDescription?.href, DOCS + code.toLowerCase(), code);
    assert.ok(rulesDoc.includes(`<a id="${code.toLowerCase()}"></a>`), `docs/rules.md has the anchor for ${code}`);
  }
});

test('a syntax error and the "… and N more" note link to their rows too', async () => {
  const uri = 'file:///work/code-links-syntax.accesspolicy.json';
  lsp.open(uri, '{ "displayName": "x"');
  const syntax = (await lsp.diagnostics(uri)).find((d) => d.code === 'AP0001');
  assert.ok(syntax, 'an unclosed object is a syntax error');
  assert.equal(syntax.codeDescription?.href, DOCS + 'ap0001');

  const all = validatePolicy(BODY).diagnostics;
  const capped = publishedDiagnostics(all, 1);
  assert.equal(capped.length, 2);
  assert.equal(capped[1].code, 'AP0007');
  assert.equal(capped[1].codeDescription?.href, DOCS + 'ap0007');
});
