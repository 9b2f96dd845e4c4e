// What an outside-in probe broke in `accesspolicy deploy` (issue 9), run as a user runs it: the
// bundled dist/cli.js in its own process, real msal-node against the tenant stand-in, and the
// stand-in's fault switches (empty 2xx list, redirect, silent server) for a misbehaving Graph.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { harness, betaPolicyText, v1PolicyText, writes, runCli, seedPolicy, BETA_PACKAGE, type CliRun, type Harness } from './helpers';
import { makeCertificate, type TestCertificate } from '../auth/standIn';

const clientId = randomUUID();
const certClientId = randomUUID();
const secret = `sec-${randomBytes(18).toString('base64url')}`;
let h: Harness;
let cert: TestCertificate | undefined;

before(async () => {
  assert.ok(existsSync(path.resolve('dist/cli.js')), 'dist/cli.js is missing: run node scripts/build.mjs first');
  cert = makeCertificate('deploy-hardening');
  assert.ok(cert, 'openssl is needed to make a test certificate');
  h = await harness({
    clients: [
      { clientId, secret },
      { clientId: certClientId, certificatePem: cert.certPem },
    ],
  });
});
after(async () => {
  await h?.close();
  cert?.cleanup();
});

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['deploy', ...args], { DEPLOY_SECRET: secret, ...env });
}

function signIn(overrides: { graph?: string; authority?: string } = {}): string[] {
  return [
    '--tenant',
    h.standIn.tenantId,
    '--client-id',
    clientId,
    '--client-secret-env',
    'DEPLOY_SECRET',
    '--graph-url',
    overrides.graph ?? h.standIn.url,
    '--authority-url',
    overrides.authority ?? h.standIn.url,
  ];
}

function fresh(): void {
  h.standIn.state.reset();
}

test('a beta policy without an id is found by accessPackage/id (the filter Graph takes) and created', async () => {
  fresh();
  const file = h.writePolicy('legacy.accesspolicy.json', betaPolicyText({ displayName: 'Legacy direct' }));
  const run = await cli(['--yes', '--verbose', ...signIn(), file]);
  assert.equal(run.code, 0, run.stderr);
  const m = /^.+: created ([0-9a-f-]{36})\n$/.exec(run.stdout);
  assert.ok(m, run.stdout);
  assert.match(
    run.stderr,
    new RegExp(
      `GET \\S+/beta/identityGovernance/entitlementManagement/accessPackageAssignmentPolicies\\?%24filter=accessPackage%2Fid\\+eq\\+%27${BETA_PACKAGE}%27(&\\S*)? → 200`,
    ),
  );
  assert.ok(!h.standIn.state.requests.some((r) => r.status === 400), 'no request was refused');
  assert.match(readFileSync(file, 'utf8'), new RegExp(`"id": "${m[1]}"`));
  const again = await cli(['--yes', ...signIn(), file]);
  assert.equal(again.stdout, `${file}: unchanged ${m[1]}\n`, again.stderr);
  assert.equal(h.standIn.state.policies.get(m[1])?.accessPackageId, BETA_PACKAGE);
});

test('--graph-url / --authority-url: only a Microsoft cloud host or loopback; anything else exit 2, one line naming the host, nothing sent', async () => {
  fresh();
  const file = h.writePolicy('hosts.accesspolicy.json', v1PolicyText({ displayName: 'Hosts' }));
  const cases: [string[], RegExp][] = [
    [
      signIn({ authority: 'https://login.attacker.example' }),
      /^accesspolicy deploy: --authority-url: refusing to send credentials to login\.attacker\.example: only login\.microsoftonline\.com, login\.microsoftonline\.us, login\.chinacloudapi\.cn .*loopback/,
    ],
    [
      signIn({ graph: 'https://graph.attacker.example/' }),
      /^accesspolicy deploy: --graph-url: refusing to send credentials to graph\.attacker\.example: only graph\.microsoft\.com, graph\.microsoft\.us, dod-graph\.microsoft\.us, microsoftgraph\.chinacloudapi\.cn/,
    ],
    [
      signIn({ graph: 'https://graph.microsoft.com.attacker.example' }),
      /refusing to send credentials to graph\.microsoft\.com\.attacker\.example/,
    ],
    [signIn({ graph: 'https://graph.microsoft.com/v1.0/../../evil' }), /refusing to send credentials to graph\.microsoft\.com/],
    [
      signIn({ graph: 'https://graph.microsoft.us' }),
      /graph\.microsoft\.us is the Graph host of cloud usgov, not of global: use --cloud usgov instead/,
    ],
    [signIn({ authority: 'http://127.0.0.1' }), /--authority-url: http:\/\/127\.0\.0\.1 must name a port/],
    [signIn({ authority: 'https://user:pw@127.0.0.1:9' }), /must not contain credentials/],
  ];
  for (const [args, message] of cases) {
    const run = await cli(['--plan', ...args, file]);
    assert.equal(run.code, 2, `${args.join(' ')}\n${run.stderr}`);
    assert.match(run.stderr.split('\n')[0], message);
    assert.equal(run.stdout, '');
  }
  assert.deepEqual(h.standIn.state.requests, [], 'no request reached Graph');
});

test('a 200 list page without a "value" array is a failed read, never "no policies": no create (empty body and {})', async () => {
  for (const body of ['empty', '{}'] as const) {
    fresh();
    await seedPolicy(h, 'Already there');
    const file = h.writePolicy(
      `list-${body === '{}' ? 'object' : 'empty'}.accesspolicy.json`,
      v1PolicyText({ displayName: 'Already there' }),
    );
    h.standIn.state.faults.set({ emptyList: { count: 1, body } });
    const run = await cli(['--yes', ...signIn(), file]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, `${file}: failed\n`);
    assert.match(
      run.stderr,
      body === 'empty'
        ? /Graph answered HTTP 200 but the list answer had no body; this is not read as an empty list, so nothing was changed/
        : /Graph answered HTTP 200 but the list page has no "value" array; this is not read as an empty list/,
    );
    assert.deepEqual(
      writes(h.standIn).filter((w) => !w.startsWith('GET')),
      ['POST 201'],
      'only the seeded policy was created',
    );
    assert.equal(h.standIn.state.policies.size, 1, 'no duplicate');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /^\s*"id":/m);
  }
});

test('a redirect is not followed: the body never reaches the other origin, nothing is written into the file, exit 1', async () => {
  const hits: string[] = [];
  const other: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} auth=${req.headers.authorization ? 'yes' : 'no'}`);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: randomUUID() }));
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  const to = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  try {
    for (const [status, methods] of [
      [307, ['POST']],
      [308, ['GET']],
    ] as const) {
      fresh();
      const file = h.writePolicy(`redirect-${status}.accesspolicy.json`, v1PolicyText({ displayName: `Redirected ${status}` }));
      h.standIn.state.faults.set({ redirect: { count: 1, status, to, methods: [...methods] } });
      const run = await cli(['--yes', ...signIn(), file]);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stdout, `${file}: failed\n`);
      assert.match(
        run.stderr,
        new RegExp(
          `Graph answered with a redirect \\(HTTP ${status} to 127\\.0\\.0\\.1:\\d+\\); redirects are not followed, so nothing was sent there`,
        ),
      );
      assert.doesNotMatch(readFileSync(file, 'utf8'), /^\s*"id":/m);
      assert.equal(h.standIn.state.policies.size, 0);
    }
    assert.deepEqual(hits, [], 'the other origin got nothing');
  } finally {
    await new Promise<void>((r) => other.close(() => r()));
  }
});

test("a duplicate of the file's policy is reported by --plan and by every deploy, with both ids", async () => {
  fresh();
  const first = await seedPolicy(h, 'Twice');
  const second = await seedPolicy(h, 'Twice');
  const file = h.writePolicy('twice.accesspolicy.json', v1PolicyText({ displayName: 'Twice', id: first }));
  const plan = await cli(['--plan', ...signIn(), file]);
  assert.equal(plan.code, 0, plan.stderr);
  assert.equal(plan.stdout, `${file}: planned unchanged ${first}\n`);
  const warning = new RegExp(`warning: Access package [0-9a-f-]+ has 2 policies named "Twice": ${first} \\(this file's\\) and ${second}`);
  assert.match(plan.stderr, warning);
  const run = await cli(['--yes', ...signIn(), file]);
  assert.equal(run.stdout, `${file}: unchanged ${first}\n`, run.stderr);
  assert.match(run.stderr, warning);
  h.standIn.state.policies.delete(second);
  const clean = await cli(['--yes', ...signIn(), file]);
  assert.doesNotMatch(clean.stderr, /warning/);
});

test('--timeout: a Graph that accepts and never answers ends the command with a clear message within the limit', async () => {
  fresh();
  // Long enough that sign-in on a heavily loaded machine finishes first, so the limit meets Graph.
  const LIMIT_S = 8;
  const file = h.writePolicy('hung.accesspolicy.json', v1PolicyText({ displayName: 'Hung' }));
  const later = h.writePolicy('later.accesspolicy.json', v1PolicyText({ displayName: 'Later' }));
  h.standIn.state.faults.set({ silent: true });
  const run = await cli(['--yes', '--timeout', String(LIMIT_S), ...signIn(), file, later]);
  h.standIn.state.faults.set({ silent: null });
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, `${file}: failed\n${later}: failed\n`);
  assert.match(
    run.stderr,
    /hung\.accesspolicy\.json: The time limit ran out while waiting for Graph \(GET \/v1\.0\/identityGovernance\/entitlementManagement\/assignmentPolicies\)/,
  );
  assert.match(
    run.stderr,
    new RegExp(`later\\.accesspolicy\\.json: not tried: the time limit of ${LIMIT_S} s \\(--timeout\\) had run out`),
  );
  // Generous above (a loaded machine starts Node slowly), but never before the limit ran out.
  assert.ok(run.ms < LIMIT_S * 1000 + 3000, `ended after ${run.ms} ms`);
  assert.ok(run.ms >= LIMIT_S * 1000 - 1000, `ended after ${run.ms} ms, before the limit`);
  assert.equal(h.standIn.state.policies.size, 0);
  for (const bad of ['0', 'soon', '1e9', '90000']) {
    const r = await cli(['--yes', '--timeout', bad, ...signIn(), file]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--timeout takes a number of seconds/);
  }
});

test('--timeout also bounds a sign-in endpoint that never answers', async () => {
  const silent: Server = createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  try {
    const file = h.writePolicy('nosignin.accesspolicy.json', v1PolicyText({ displayName: 'No sign-in' }));
    // 5 s, not less: the limit counts from process start, and a loaded machine can spend over a
    // second starting Node, which would leave the Graph deadline to fire before sign-in is reached.
    const run = await cli(['--plan', '--timeout', '5', ...signIn({ authority: url }), file]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, `${file}: failed\n`);
    assert.match(run.stderr, /The time limit of 5 s \(--timeout\) ran out while deploying .*nosignin\.accesspolicy\.json/);
    assert.ok(run.ms < 5000 + 1000, `ended after ${run.ms} ms`);
  } finally {
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  }
});

test('--certificate <(…) and /dev/stdin from a pipe are read once and work; a bad one is blamed, not the policy file', async () => {
  fresh();
  const file = h.writePolicy('cert.accesspolicy.json', v1PolicyText({ displayName: 'By certificate' }));
  // A shell's process substitution and pipe, as a user types them (bash makes real pipes).
  const common = `deploy --plan --tenant ${h.standIn.tenantId} --client-id ${certClientId} --graph-url ${h.standIn.url} --authority-url ${h.standIn.url}`;
  const bash = (line: string, pem: string): Promise<CliRun> =>
    runCli([], {}, { bash: line.replace('CLI', `"${process.execPath}" "${path.resolve('dist/cli.js')}"`), env: { PEM: pem } });
  for (const line of [`CLI ${common} --certificate <(cat "$PEM") "$FILE"`, `cat "$PEM" | CLI ${common} --certificate /dev/stdin "$FILE"`]) {
    const run = await bash(line.replace('"$FILE"', file), cert!.pemPath);
    assert.equal(run.code, 0, `${line}\n${run.stderr}`);
    assert.equal(run.stdout, `${file}: planned create\n`);
  }
  const empty = await bash(`CLI ${common} --certificate <(true) ${file}`, cert!.pemPath);
  assert.equal(empty.code, 2, 'an unusable certificate is a configuration error, found before any file');
  assert.match(empty.stderr, /\/dev\/fd\/\d+ must contain both a private key/);
  assert.doesNotMatch(empty.stderr, /cert\.accesspolicy\.json/, 'the message blames the certificate, not the policy file');
});

test('the id write-back goes through a symlink to its target and clears stale temp files of a killed write', async () => {
  fresh();
  const realDir = path.join(h.dir, 'real');
  mkdirSync(realDir, { recursive: true });
  const target = path.join(realDir, 'linked.accesspolicy.json');
  writeFileSync(target, v1PolicyText({ displayName: 'Linked' }));
  const link = path.join(h.dir, 'linked.accesspolicy.json');
  symlinkSync(target, link);
  const stale = path.join(realDir, '.linked.accesspolicy.json.0123456789ab.tmp');
  const live = path.join(realDir, '.linked.accesspolicy.json.ba9876543210.tmp');
  writeFileSync(stale, '{ half a pol');
  writeFileSync(live, '{ being written');
  const old = new Date(Date.now() - 10 * 60_000);
  utimesSync(stale, old, old);

  const run = await cli(['--yes', ...signIn(), link]);
  assert.equal(run.code, 0, run.stderr);
  const id = /created ([0-9a-f-]{36})/.exec(run.stdout)?.[1];
  assert.ok(id, run.stdout);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.match(readFileSync(target, 'utf8'), new RegExp(`"id": "${id}"`), 'the target got the id');
  const left = readdirSync(realDir).filter((n) => n.endsWith('.tmp'));
  assert.deepEqual(
    left,
    ['.linked.accesspolicy.json.ba9876543210.tmp'],
    'the stale temp is gone; a recent one (maybe a live write) is kept',
  );
});
