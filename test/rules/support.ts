// Shared by the service-rule tests: clean bodies from fixtures/ (the docs' examples with real GUIDs),
// a way to break them, and assertions on a diagnostic's code and where it starts, with the expected
// position found in the text itself (a `|` marks the spot inside a unique snippet), not through the
// core's own path-to-range code. Bodies are checked by the bundled server over LSP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validatePolicy } from '../../core/src/validate';
import type { PolicyDiagnostic } from '../../core/src/diagnostic';
import { after } from 'node:test';
import { startServer, type LspSession } from '../lsp/lspClient';

export type Body = Record<string, any>;

const FIXTURES = path.join(__dirname, 'fixtures');

export const V1_DIRECT = 'v1-create-direct-assignment.json';
export const V1_MULTISTAGE = 'v1-create-connected-orgs-multistage-review.json';
export const BETA_DIRECT = 'beta-create-direct-assignment.json';
export const BETA_MULTISTAGE = 'beta-create-connected-orgs-multistage.json';
export const BETA_QUESTIONS = 'beta-create-with-questions.json';

/** A fresh copy of a fixture body. */
export function fixture(name: string): Body {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

/** A fixture body changed by `edit`. */
export function body(name: string, edit: (b: Body) => void = () => {}): Body {
  const b = fixture(name);
  edit(b);
  return b;
}

/** What the tests look at of a diagnostic: the same fields over LSP as in the core. */
export type SeenDiagnostic = Pick<PolicyDiagnostic, 'code' | 'severity' | 'message' | 'range'>;

export interface Checked {
  text: string;
  diagnostics: SeenDiagnostic[];
}

// Every body goes through the bundled language server over LSP, as the editor sends it, so the
// rule tests prove what users see. One server per test file, started on first use.
let session: Promise<LspSession> | undefined;
let documents = 0;
after(async () => (await session)?.stop());

const SEVERITY: Record<number, PolicyDiagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'information' };

export async function check(b: Body | string): Promise<Checked> {
  const text = typeof b === 'string' ? b : JSON.stringify(b, null, 2);
  const lsp = await (session ??= startServer());
  const uri = `file:///rules/case${++documents}.accesspolicy.json`;
  lsp.open(uri, text);
  const published = await lsp.diagnostics(uri);
  lsp.close(uri);
  assert.deepEqual(lsp.logs.filter((l) => /Rule .* failed/.test(l)), [], 'no rule may throw');
  const diagnostics = published.map((d) => ({
    code: String(d.code),
    severity: SEVERITY[d.severity ?? 1],
    message: d.message,
    range: d.range,
  }));
  // The server and the core must agree; the core is what the CLI runs.
  const core = validatePolicy(text);
  assert.deepEqual(diagnostics, core.diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range })));
  return { text, diagnostics };
}

/** Line/character of the `|` in `snippet`, which must occur in `text` (the `nth` occurrence, from 0). */
export function positionOf(text: string, snippet: string, nth = 0): { line: number; character: number } {
  const bar = snippet.indexOf('|');
  assert.ok(bar >= 0, `snippet ${JSON.stringify(snippet)} needs a | marker`);
  const needle = snippet.slice(0, bar) + snippet.slice(bar + 1);
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `snippet ${JSON.stringify(needle)} (occurrence ${nth}) not in the test body:\n${text}`);
  }
  const offset = at + bar;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Asserts a diagnostic with `code` starting at the `|` of `snippet`, and returns it.
 * `severity` is asserted when given.
 */
export function expectAt(
  c: Checked,
  code: string,
  snippet: string,
  opts: { nth?: number; severity?: PolicyDiagnostic['severity'] } = {},
): SeenDiagnostic {
  const want = positionOf(c.text, snippet, opts.nth ?? 0);
  const withCode = c.diagnostics.filter((d) => d.code === code);
  const hit = withCode.find((d) => d.range.start.line === want.line && d.range.start.character === want.character);
  assert.ok(
    hit,
    `expected ${code} at ${want.line}:${want.character} (${snippet}); got ${JSON.stringify(withCode.map((d) => ({ at: `${d.range.start.line}:${d.range.start.character}`, msg: d.message })))}`,
  );
  if (opts.severity) assert.equal(hit.severity, opts.severity, `severity of ${code}`);
  return hit;
}

/** Asserts exactly `count` diagnostics with `code`. */
export function expectCount(c: Checked, code: string, count: number): void {
  const got = c.diagnostics.filter((d) => d.code === code);
  assert.equal(got.length, count, `${code} count; got ${JSON.stringify(got.map((d) => d.message))}`);
}

export function expectNone(c: Checked, code: string): void {
  expectCount(c, code, 0);
}

/** Asserts no error-level diagnostic at all. */
export function expectNoErrors(c: Checked): void {
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), []);
}
