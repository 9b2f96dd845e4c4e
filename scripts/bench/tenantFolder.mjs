// The bench's tenant-folder part: `pull` of a stand-in tenant seeded with 2,000 policies into an
// empty folder, then `plan` of the 2,000 pulled files, each as its own CLI process against the
// stand-in (also its own process), next to the bare peer (pageLists.mjs) reading the same lists.
// Reports Graph requests per policy (from the stand-in's request log), wall times and the ratio
// of each command's time to the peer's; the runs take turns so machine load hits them alike. A
// first round is not counted: it warms the stand-in (its first answers are slower while its code
// is compiled), which would otherwise slow whichever contender comes first. The bare lister runs
// before pull in odd rounds and after plan in even ones, so neither side always meets a stand-in
// that has just been busy. Where the machine has a memory file system (/dev/shm), each round also
// pulls into it: pull's own cost without the disk's (creating a file costs up to a millisecond of
// kernel time on some disks, which the bare lister never pays). With `latencyMs` the stand-in
// answers each Graph and sign-in request that much later (its latency faults), as across a network.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID, randomBytes } from 'node:crypto';

async function startStandIn(root, policies) {
  const tenant = randomUUID();
  const app = randomUUID();
  const secret = randomBytes(18).toString('base64url');
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/standin.js'), '--seed', String(policies), '--tenant-id', tenant, '--app-client-id', app],
    {
      env: { ...process.env, STANDIN_CLIENT_SECRET: secret },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  // A kept-alive connection may have been closed by the stand-in while a command ran: ask again once.
  const count = async () => (await (await fetch(`${url}/_standin/requests`)).json()).count;
  const requests = () => count().catch(count);
  return { url, tenant, app, secret, requests, stop: () => child.kill() };
}

function timed(cmd, args, env) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cmd, ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A folder in memory to pull into, when the machine has one. */
function memoryFolder() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return undefined;
  }
}

/**
 * `latencyMs`: the stand-in answers each Graph and sign-in request that much later (its latency
 * faults), as Graph and the authority across a network would; the bare lister pays it too.
 * Rounds with latency time the bare lister, pull and plan only.
 */
export async function benchTenantFolder(root, work, { policies = 2000, rounds = 5, latencyMs = 0 } = {}) {
  const s = await startStandIn(root, policies);
  try {
    if (latencyMs) {
      const res = await fetch(`${s.url}/_standin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs, signInLatencyMs: latencyMs }),
      });
      if (!res.ok) throw new Error(`setting the stand-in's latency: HTTP ${res.status}`);
    }
    const cli = path.join(root, 'dist/cli.js');
    const env = { PATH: process.env.PATH ?? '', BENCH_SECRET: s.secret, STANDIN_CLIENT_SECRET: s.secret };
    const signIn = [
      '--tenant',
      s.tenant,
      '--client-id',
      s.app,
      '--client-secret-env',
      'BENCH_SECRET',
      '--graph-url',
      s.url,
      '--authority-url',
      s.url,
    ];
    const times = { pull: [], plan: [], bare: [], writes: [], pullInMemory: [] };
    const inMemory = memoryFolder();
    const requests = { pull: 0, plan: 0, bare: 0 };
    const runBare = async () => {
      const before = await s.requests();
      const bare = timed(path.join(root, 'scripts/bench/pageLists.mjs'), [s.url, s.tenant, s.app], env);
      if (bare.status !== 0) throw new Error(`bare lister failed: ${bare.stderr}`);
      requests.bare = (await s.requests()) - before;
      return bare;
    };
    for (let round = -1; round < rounds; round++) {
      const out = mkdtempSync(path.join(work, 'pull-'));
      const bareFirst = round % 2 !== 0;
      const bare = bareFirst ? await runBare() : undefined;
      let before = await s.requests();
      const pull = timed(cli, ['pull', ...signIn, '--out', out], env);
      if (pull.status !== 0) throw new Error(`pull failed: ${pull.stderr}`);
      const written = pull.stdout
        .trim()
        .split('\n')
        .filter((l) => / created /.test(l)).length;
      if (written !== policies) throw new Error(`pull wrote ${written} files, expected ${policies}`);
      requests.pull = (await s.requests()) - before;
      before = await s.requests();
      const plan = timed(cli, ['plan', ...signIn, '--format', 'json', out], env);
      if (plan.status !== 0) throw new Error(`plan after pull is not clean (exit ${plan.status}): ${plan.stderr}`);
      const entries = JSON.parse(plan.stdout).changes;
      if (entries.length !== policies || entries.some((e) => e.action !== 'unchanged'))
        throw new Error('plan after pull is not all unchanged');
      requests.plan = (await s.requests()) - before;
      const bareMs = (bare ?? (await runBare())).ms;
      // What creating these files costs here, for reading pull's time (not part of any ratio).
      let floor;
      if (!latencyMs) {
        const copy = mkdtempSync(path.join(work, 'floor-'));
        floor = timed(path.join(root, 'scripts/bench/writeFloor.mjs'), [out, path.join(copy, 'files')], env);
        if (floor.status !== 0) throw new Error(`write floor failed: ${floor.stderr}`);
        rmSync(copy, { recursive: true, force: true });
      }
      rmSync(out, { recursive: true, force: true });
      let pullInMemory;
      if (inMemory && !latencyMs) {
        const memOut = mkdtempSync(path.join(inMemory, 'ap-bench-pull-'));
        pullInMemory = timed(cli, ['pull', ...signIn, '--out', memOut], env);
        rmSync(memOut, { recursive: true, force: true });
        if (pullInMemory.status !== 0) throw new Error(`pull into ${inMemory} failed: ${pullInMemory.stderr}`);
      }
      if (round < 0) continue;
      if (pullInMemory) times.pullInMemory.push(pullInMemory.ms);
      if (floor) times.writes.push(Number(floor.stdout.split(' ')[0]));
      times.bare.push(bareMs);
      times.pull.push(pull.ms);
      times.plan.push(plan.ms);
    }
    return {
      policies,
      rounds,
      requests,
      pull: median(times.pull),
      plan: median(times.plan),
      bare: median(times.bare),
      writes: times.writes.length ? median(times.writes) : undefined,
      pullInMemory: times.pullInMemory.length ? median(times.pullInMemory) : undefined,
      memoryFolder: inMemory,
      latencyMs,
      folder: work,
    };
  } finally {
    s.stop();
  }
}
