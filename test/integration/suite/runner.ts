// A tiny test runner for the VS Code extension host, where node:test cannot run: named tests,
// run one after another, each with its own timeout, and a report written to a file because the
// extension host's console does not reach the harness's terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCase {
  name: string;
  fn: () => Promise<void> | void;
  timeoutMs: number;
}

export interface TestResult {
  name: string;
  status: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface SuiteReport {
  passed: number;
  failed: number;
  durationMs: number;
  vscodeVersion: string;
  results: TestResult[];
}

const registered: TestCase[] = [];

/** Registers a test. Test modules call this at load time. */
export function test(name: string, fn: TestCase['fn'], options: { timeoutMs?: number } = {}): void {
  registered.push({ name, fn, timeoutMs: options.timeoutMs ?? 30_000 });
}

function withTimeout(p: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export function formatReport(report: SuiteReport): string {
  const lines = [`VS Code ${report.vscodeVersion} extension-host suite`];
  for (const r of report.results) {
    lines.push(`${r.status === 'passed' ? 'ok    ' : 'FAILED'} ${r.name} (${r.durationMs} ms)`);
    if (r.error) lines.push(...r.error.split('\n').map((l) => `         ${l}`));
  }
  lines.push(`${report.passed} passed, ${report.failed} failed, ${report.durationMs} ms`);
  return lines.join('\n') + '\n';
}

/** Runs every registered test in order and writes `<reportBase>.json` and `<reportBase>.txt`. */
export async function runRegistered(reportBase: string, vscodeVersion: string): Promise<SuiteReport> {
  const started = Date.now();
  const results: TestResult[] = [];
  const write = (): SuiteReport => {
    const report: SuiteReport = {
      passed: results.filter((r) => r.status === 'passed').length,
      failed: results.filter((r) => r.status === 'failed').length,
      durationMs: Date.now() - started,
      vscodeVersion,
      results,
    };
    mkdirSync(path.dirname(reportBase), { recursive: true });
    writeFileSync(`${reportBase}.json`, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(`${reportBase}.txt`, formatReport(report));
    return report;
  };
  write();
  for (const t of registered) {
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, t.name);
      results.push({ name: t.name, status: 'passed', durationMs: Date.now() - t0 });
    } catch (err) {
      results.push({ name: t.name, status: 'failed', durationMs: Date.now() - t0, error: describeError(err) });
    }
    // Written after every test, so a hang or crash still leaves what ran so far.
    write();
  }
  return write();
}
