// Directory permissions as Graph enforces them, through the real CLI process and real msal-node
// against the stand-in: a user's device code sign-in asks for the deploy's permission only, and
// asks for the directory reads (here GroupMember.Read.All and User.ReadBasic.All) only when the files
// hold references, by incremental consent (the refresh token redeemed for the extra scopes); without
// consent for them, or an app without the app role, the error names the permission to grant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { startTenantStandIn, type TenantStandIn } from '../../standin/src';
import { referencePolicyText } from './referencePolicy';
import { runCli } from '../deploy/helpers';

const CLI = path.resolve('dist/cli.js');
const USER = { username: 'approver-admin@contoso.example', objectId: randomUUID() };
const consenting = randomUUID(); // consented the reads
const notConsenting = randomUUID(); // consented the deploy's permission only
const app = {
  clientId: randomUUID(),
  secret: `sec-${randomBytes(18).toString('base64url')}`,
  roles: ['EntitlementManagement.ReadWrite.All'],
};
let s: TenantStandIn;
let dir: string;

before(async () => {
  s = await startTenantStandIn({
    accessPackages: [],
    deviceCodeIntervalSeconds: 0,
    users: [USER],
    clients: [{ clientId: consenting }, { clientId: notConsenting, consentedScopes: ['EntitlementManagement.ReadWrite.All'] }, app],
  });
  const catalog = s.state.addCatalog('Sales');
  s.state.addAccessPackage(randomUUID(), 'Sales tools', catalog);
  const alice = s.state.directory.addUser({ userPrincipalName: 'alice@contoso.com', displayName: 'Alice' }).id;
  s.state.directory.addGroup({ displayName: 'Sales Approvers', members: [alice] });
  dir = mkdtempSync(path.join(tmpdir(), 'permissions-test-'));
  mkdirSync(path.join(dir, 'refs'));
  writeFileSync(path.join(dir, 'refs', 'sales.accesspolicy.json'), referencePolicyText('Sales tools requests'));
});
after(async () => {
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const where = () => ['--tenant', s.tenantId, '--graph-url', s.url, '--authority-url', s.url];

/** `dist/cli.js` signing in with a device code, which the test approves as the user would. */
function withDeviceCode(args: string[]): Promise<{ code: number; stdout: string; stderr: string; codes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    let codes = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      for (const m of d.toString('utf8').matchAll(/open (\S+) and enter the code (\S+) /g)) {
        codes++;
        void fetch(`${m[1]}?user_code=${encodeURIComponent(m[2])}&username=${encodeURIComponent(USER.username)}`).catch(reject);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, codes }));
  });
}

test('a user signed in for the deploy only gets its directory reads by incremental consent when the files hold references', async () => {
  const r = await withDeviceCode(['plan', '--device-code', '--client-id', consenting, ...where(), '--format', 'json', 'refs']);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).changes.map((c: { action: string }) => c.action),
    ['create'],
  );
  assert.equal(r.codes, 1, 'one sign-in: the extra scopes came from the refresh token, without asking again');
  const reads = s.state.requests.filter((q) => q.path.startsWith('/v1.0/users') || q.path.startsWith('/v1.0/groups'));
  assert.ok(reads.length >= 2 && reads.every((q) => q.status === 200), JSON.stringify(reads));
});

test('without consent for a read, the sign-in says which permission is missing; nothing is sent', async () => {
  const before = s.state.requests.length;
  const r = await withDeviceCode([
    'deploy',
    '--yes',
    '--device-code',
    '--client-id',
    notConsenting,
    ...where(),
    'refs/sales.accesspolicy.json',
  ]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /need the delegated permissions GroupMember\.Read\.All, User\.ReadBasic\.All .*consent_required|need the delegated permissions GroupMember\.Read\.All, User\.ReadBasic\.All .*grant consent/,
  );
  assert.doesNotMatch(r.stderr, /Node\.js v\d+/, 'no crash');
  assert.ok(
    s.state.requests.slice(before).every((q) => q.method === 'GET'),
    'nothing was written',
  );
});

test('an app without the directory app roles gets AP4103 naming the role to grant, at the reference', async () => {
  const r = await runCli(
    ['deploy', '--plan', '--client-id', app.clientId, '--client-secret-env', 'APP_SECRET', ...where(), 'refs/sales.accesspolicy.json'],
    { APP_SECRET: app.secret },
    { cwd: dir },
  );
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /sales\.accesspolicy\.json:\d+:\d+ AP4103 .*groups .*`GroupMember\.Read\.All`/);
  assert.match(r.stderr, /sales\.accesspolicy\.json:\d+:\d+ AP4103 .*users .*`User\.Read\.All`/);
});

test('pull --portable as a user asks for Directory.Read.All (getByIds) the same way, and writes the names', async () => {
  const apply = await withDeviceCode(['apply', '--yes', '--device-code', '--client-id', consenting, ...where(), 'refs']);
  assert.equal(apply.code, 0, apply.stdout + apply.stderr);
  const pull = await withDeviceCode(['pull', '--portable', '--device-code', '--client-id', consenting, ...where(), '--out', 'pulled']);
  assert.equal(pull.code, 0, pull.stdout + pull.stderr);
  assert.equal(pull.codes, 1, 'one sign-in');
  const [line] = pull.stdout.trim().split('\n');
  const file = path.join(dir, line.replace(/: created [0-9a-f-]{36}$/, ''));
  const text = readFileSync(file, 'utf8');
  assert.match(text, /"groupId": "\$\{group:Sales Approvers\}"/);
  assert.match(text, /"userId": "\$\{user:alice@contoso\.com\}"/);
  assert.ok(s.state.requests.some((q) => q.path.includes('getByIds') && q.status === 200));
});
