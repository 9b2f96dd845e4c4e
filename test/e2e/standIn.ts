// Starts the built tenant stand-in (dist/standin.js) for a user test and reads its state.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workbench';

export interface StandInProcess {
  url: string;
  process: ChildProcess;
  state<T = StandInState>(): Promise<T>;
  stop(): void;
}

export interface StandInState {
  policies: { id: string; accessPackageId?: string; body: Record<string, unknown> }[];
  requests: { method: string; path: string; status: number }[];
}

export async function startStandIn(args: string[]): Promise<StandInProcess> {
  const bundle = path.join(repoRoot, 'dist', 'standin.js');
  if (!existsSync(bundle)) throw new Error('dist/standin.js is missing: run `node scripts/build.mjs` first');
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`dist/standin.js exited (${code}) before listening:\n${out}`)));
  });
  return {
    url,
    process: child,
    state: async <T>() => (await (await fetch(`${url}/_standin/state`)).json()) as T,
    stop: () => void child.kill('SIGTERM'),
  };
}
