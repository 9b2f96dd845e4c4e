// A document with 100,000 findings is answered (validation is linear in the number of findings;
// it used to be quadratic, about a minute per keystroke), and what is published is capped: the
// first PUBLISHED_DIAGNOSTICS_LIMIT by position, then one AP0007 saying how many more. Over LSP
// against the bundled server (run `node scripts/build.mjs` first); the document is generated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { startServer, type LspSession } from './lspClient';
import { unknownPropertiesPolicy } from '../support/manyFindings';
import { PUBLISHED_DIAGNOSTICS_LIMIT } from '../../server/src/limits';
import { FILE_CODES } from '../../core/src/diagnostics';

let lsp: LspSession;
before(async () => {
  lsp = await startServer();
});
after(async () => lsp?.stop());

// Not a timing assertion: a bound on the wait, far above the seconds it takes and far below the
// many minutes the quadratic mapping took on this document.
const WAIT_MS = 120_000;

test('100,000 unknown properties: the first diagnostics by position, then one that counts the rest', async () => {
  const uri = 'file:///work/many-findings.accesspolicy.json';
  const count = 100_000;
  lsp.open(uri, unknownPropertiesPolicy(count));
  const published = await lsp.diagnostics(uri, undefined, WAIT_MS);
  assert.equal(published.length, PUBLISHED_DIAGNOSTICS_LIMIT + 1);
  const shown = published.slice(0, -1);
  const more = published[published.length - 1];
  assert.ok(
    shown.every((d) => d.code === 'AP1001'),
    'the first ones are the unknown properties',
  );
  assert.deepEqual(
    shown.map((d) => d.range.start.line),
    shown.map((_, i) => i + 3),
    'in file order, from the first',
  );
  assert.equal(more.code, FILE_CODES.moreProblems);
  assert.equal(more.severity, DiagnosticSeverity.Error, 'the hidden ones are errors, so the note is one');
  assert.equal(more.range.start.line, PUBLISHED_DIAGNOSTICS_LIMIT + 3, 'on the first one not listed');
  const hidden = (count - PUBLISHED_DIAGNOSTICS_LIMIT).toLocaleString('en');
  assert.match(more.message, new RegExp(`^… and ${hidden} more problems from here on \\(${hidden} errors\\), not listed`));

  // The server is not stuck behind it: the next keystroke is validated and published too.
  lsp.change(uri, unknownPropertiesPolicy(3));
  const after = await lsp.diagnostics(uri, undefined, WAIT_MS);
  assert.deepEqual(
    after.map((d) => d.code),
    ['AP1001', 'AP1001', 'AP1001'],
  );
});
