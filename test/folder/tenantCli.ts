// Shared wiring for the folder commands' tests: a seeded tenant stand-in with an app registration,
// and `dist/cli.js <command>` run as its own process, signing in with real msal-node against it.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { startTenantStandIn, type TenantStandIn, type TenantStandInOptions } from '../../standin/src';
import { runCli, type CliRun as Run } from '../deploy/helpers';

export type { Run };
const CLI = path.resolve('dist/cli.js');

export interface TenantCli {
  standIn: TenantStandIn;
  dir: string;
  signIn: string[];
  /** Runs `dist/cli.js <args>` with the app's secret in the environment. */
  run(args: string[], env?: Record<string, string>): Promise<Run>;
  /**
   * Runs `dist/cli.js <args>` in a pseudo-terminal (util-linux `script`), so it asks as it asks a
   * person; `answer` gets the output so far and returns what to type once it is ready (or undefined).
   */
  runInTerminal(args: string[], answer: (output: string) => Promise<string | undefined>): Promise<{ code: number; output: string }>;
  /** Graph requests the stand-in logged since the last call (and forgets them). */
  takeRequests(): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

export async function tenantCli(options: TenantStandInOptions = {}): Promise<TenantCli> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run node scripts/build.mjs first`);
  const clientId = randomUUID();
  const secret = `sec-${randomBytes(18).toString('base64url')}`;
  const standIn = await startTenantStandIn({ clients: [{ clientId, secret }], tenantDisplayName: 'Contoso Folder', ...options });
  const dir = mkdtempSync(path.join(tmpdir(), 'folder-test-'));
  const signIn = [
    '--tenant',
    standIn.tenantId,
    '--client-id',
    clientId,
    '--client-secret-env',
    'FOLDER_SECRET',
    '--graph-url',
    standIn.url,
    '--authority-url',
    standIn.url,
  ];
  return {
    standIn,
    dir,
    signIn,
    run: (args, env = {}) => runCli(args, { FOLDER_SECRET: secret, ...env }, { cwd: dir }),
    runInTerminal: (args, answer) => runInTerminal(args, { FOLDER_SECRET: secret }, dir, answer),
    takeRequests() {
      const r = standIn.state.requests.splice(0).map((x) => ({ method: x.method, path: x.path, status: x.status }));
      return r;
    },
    async close() {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `<path>: <action> <id>` lines of a pull, as [path, action, id]. */
export function pullLines(stdout: string): [string, string, string][] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*): (created|updated|unchanged|gone|failed) (\S+)$/.exec(l);
      if (!m) throw new Error(`not a pull line: ${l}`);
      return [m[1], m[2], m[3]];
    });
}

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = path.join(dir, n);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function runInTerminal(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  answer: (output: string) => Promise<string | undefined>,
): Promise<{ code: number; output: string }> {
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', TERM: 'dumb', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let answered = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      if (answered) return;
      answered = true;
      answer(output).then(
        (typed) => {
          if (typed === undefined) answered = false;
          else child.stdin.write(typed);
        },
        (e: unknown) => {
          child.kill();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}
