// Shared by the service-rule tests: clean bodies (the docs' examples with real GUIDs), a way to
// break them, and assertions on a diagnostic's code and where it starts, with the expected
// position found in the text itself (a `|` marks the spot inside a unique snippet), not through the
// core's own path-to-range code. Bodies are checked by the server's core over LSP, in-process.
import assert from 'node:assert/strict';
import { validatePolicy } from '../../core/src/validate';
import type { PolicyDiagnostic } from '../../core/src/diagnostic';
import { after } from 'node:test';
import { startInProcessServer, type LspSession } from '../lsp/lspClient';
import { exampleText } from '../support/examples';
import { markedPositionOf } from '../support/positions';

export { V1_DIRECT, V1_MULTISTAGE, BETA_DIRECT, BETA_MULTISTAGE, BETA_QUESTIONS } from '../support/examples';
/** Line/character of the `|` in `snippet` (the name the rule tests have always used). */
export { markedPositionOf as positionOf } from '../support/positions';

export type Body = Record<string, any>;

/** A fresh copy of a docs example's body, GUIDs in place of its placeholders. */
export function fixture(name: string): Body {
  return JSON.parse(exampleText(name));
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

// Every body goes through the language server over LSP, as the editor sends it, so the rule tests
// prove what users see. One in-process server per test file, started on first use.
let session: Promise<LspSession> | undefined;
let documents = 0;
after(async () => (await session)?.stop());

const SEVERITY: Record<number, PolicyDiagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'information' };

export async function check(b: Body | string): Promise<Checked> {
  const text = typeof b === 'string' ? b : JSON.stringify(b, null, 2);
  const lsp = await (session ??= startInProcessServer());
  const uri = `file:///rules/case${++documents}.accesspolicy.json`;
  lsp.open(uri, text);
  const published = await lsp.diagnostics(uri);
  lsp.close(uri);
  assert.deepEqual(
    lsp.logs.filter((l) => /Rule .* failed/.test(l)),
    [],
    'no rule may throw',
  );
  const diagnostics = published.map((d) => ({
    code: String(d.code),
    severity: SEVERITY[d.severity ?? 1],
    message: d.message,
    range: d.range,
  }));
  // The server and the core must agree; the core is what the CLI runs.
  const core = validatePolicy(text);
  assert.deepEqual(
    diagnostics,
    core.diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range })),
  );
  return { text, diagnostics };
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
  const want = markedPositionOf(c.text, snippet, opts.nth ?? 0);
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
  assert.deepEqual(
    errors.map((d) => `${d.code} ${d.message}`),
    [],
  );
}
