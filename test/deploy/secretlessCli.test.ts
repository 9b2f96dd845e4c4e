// Secretless sign-in as a pipeline runs it: the bundled dist/cli.js in its own process, real
// msal-node, the tenant stand-in (sign-in with a federated credential + Graph), and loopback
// stand-ins of GitHub's ID token endpoint, Azure DevOps' OIDC endpoint, App Service's managed
// identity endpoint and an `az` script on PATH. Every flow deploys; refused tokens are explained;
// a long job outlives its OIDC tokens; no token or request secret appears in any output or file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { runCli, type CliRun as Run, harness, v1PolicyText, leakedSecrets, writes, type Harness } from './helpers';
import { startOidcIssuer, type OidcIssuer } from '../../standin/src/workload/oidcIssuer';
import { startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../../standin/src/workload/managedIdentity';
import { AZURE_CLI_CLIENT_ID } from '../../deploy/src/auth/azureCliProvider';

const CLI = path.resolve('dist/cli.js');
const APP = randomUUID();
const GITHUB_SUBJECT = 'repo:contoso/access-policies:ref:refs/heads/main';
const ADO_SUBJECT = 'sc://contoso/identity/entra-access-policies';
const FILE_SUBJECT = 'system:serviceaccount:identity:policy-deployer';
const SERVICE_CONNECTION = randomUUID();
const SYSTEM_MI = randomUUID();
const USER_MI = randomUUID();
const GITHUB_REQUEST_TOKEN = `ghrt-${randomBytes(20).toString('hex')}`;
const ADO_ACCESS_TOKEN = `adoat-${randomBytes(20).toString('hex')}`;

// Tenant stand-in and issuers share one clock, so a test can move time for all of them.
let offsetMs = 0;
const now = () => Date.now() + offsetMs;
let h: Harness;
const githubJob = { requestToken: GITHUB_REQUEST_TOKEN, subject: GITHUB_SUBJECT };
let github: OidcIssuer;
let azdo: OidcIssuer;
let cluster: OidcIssuer;
let mi: ManagedIdentityEndpoint;

before(async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
  const record = (t: string) => h.standIn.tokens.recordSecret(t);
  github = await startOidcIssuer({ now, recordSecret: record, github: githubJob });
  azdo = await startOidcIssuer({
    now,
    recordSecret: record,
    azureDevOps: { accessToken: ADO_ACCESS_TOKEN, serviceConnectionId: SERVICE_CONNECTION, subject: ADO_SUBJECT },
  });
  cluster = await startOidcIssuer({ now, recordSecret: record });
  const audiences = ['api://AzureADTokenExchange'];
  h = await harness({
    // Ten minutes, so the long-job test sees access tokens expire; msal still caches them.
    accessTokenTtlSeconds: 600,
    clients: [
      {
        clientId: APP,
        federatedCredentials: [
          { name: 'github-main', issuer: github.url, subject: GITHUB_SUBJECT, audiences },
          { name: 'azure-pipelines', issuer: azdo.url, subject: ADO_SUBJECT, audiences },
          { name: 'cluster', issuer: cluster.url, subject: FILE_SUBJECT, audiences },
        ],
      },
    ],
  });
  h.standIn.tokens.now = now;
  h.standIn.tokens.recordSecret(GITHUB_REQUEST_TOKEN);
  h.standIn.tokens.recordSecret(ADO_ACCESS_TOKEN);
  mi = await startManagedIdentityEndpoint({
    tokens: h.standIn.tokens,
    tenantId: h.standIn.tenantId,
    systemAssigned: SYSTEM_MI,
    userAssigned: [USER_MI],
  });
});
after(async () => {
  await Promise.all([h?.close(), github?.close(), azdo?.close(), cluster?.close(), mi?.close()]);
});

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(['deploy', ...args], env);
}

const local = () => ['--graph-url', h.standIn.url, '--authority-url', h.standIn.url];
const app = () => ['--tenant', h.standIn.tenantId, '--client-id', APP, ...local()];
const githubEnv = () => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: `${github.url}/github/idtoken?api-version=2.0`,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_REQUEST_TOKEN,
});
const adoEnv = () => ({ SYSTEM_OIDCREQUESTURI: `${azdo.url}/azdo/oidctoken`, SYSTEM_ACCESSTOKEN: ADO_ACCESS_TOKEN });

/** No token, request token or secret anywhere in the runs' output or in the files. */
function assertNoLeaks(runs: Run[], files: string[] = []): void {
  const text = [...runs.map((r) => r.stdout + r.stderr), ...files.map((f) => readFileSync(f, 'utf8'))].join('\n');
  assert.deepEqual(leakedSecrets(h.standIn, text), [], 'no token or secret in the output or files');
  assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'nothing shaped like a JWT');
}

function created(run: Run, file: string): string {
  assert.equal(run.code, 0, run.stderr);
  const m = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: created ([0-9a-f-]{36})\\n$`).exec(run.stdout);
  assert.ok(m, run.stdout);
  assert.ok(h.standIn.state.policies.has(m[1]));
  return m[1];
}

test("--github-oidc: plan, then deploy with the job's OIDC token for the public cloud's audience", async () => {
  h.standIn.state.reset();
  const before = github.issued.length;
  const file = h.writePolicy('gh.accesspolicy.json', v1PolicyText({ displayName: 'From GitHub' }));
  const plan = await cli(['--plan', '--github-oidc', ...app(), file], githubEnv());
  assert.equal(plan.code, 0, plan.stderr);
  assert.equal(plan.stdout, `${file}: planned create\n`);
  const run = await cli(['--yes', '--github-oidc', ...app(), file], githubEnv());
  created(run, file);
  assert.match(
    run.stderr,
    new RegExp(
      `Signing in with GitHub Actions OIDC \\(workload identity federation, audience api://AzureADTokenExchange\\), app ${APP}; tenant ${h.standIn.tenantId}, cloud Global`,
    ),
  );
  const mine = github.issued.slice(before);
  assert.ok(mine.length >= 2, 'one OIDC token per sign-in');
  assert.ok(mine.every((t) => t.via === 'github' && t.audience === 'api://AzureADTokenExchange'));
  assert.deepEqual(github.refused, []);
  assert.equal(
    github.requests[github.requests.length - 1].url,
    '/github/idtoken?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange',
  );
  assertNoLeaks([plan, run], [file]);
});

test('--github-oidc without the job\'s id-token permission: exit 2 naming "permissions: id-token: write"', async () => {
  const file = h.writePolicy('gh-noperm.accesspolicy.json', v1PolicyText());
  const run = await cli(['--yes', '--github-oidc', ...app(), file]);
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN.*"permissions: id-token: write"/);
});

test('an expired OIDC token is refused by Entra with AADSTS700024 and explained; exit 1', async () => {
  github.lifetimeSeconds = -900;
  try {
    const file = h.writePolicy('gh-expired.accesspolicy.json', v1PolicyText());
    const run = await cli(['--yes', '--github-oidc', ...app(), file], githubEnv());
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, `${file}: failed\n`);
    assert.match(run.stderr, /Entra refused the GitHub Actions OIDC token: it had expired .*\[AADSTS700024\]/);
    assertNoLeaks([run]);
  } finally {
    github.lifetimeSeconds = 300;
  }
});

test('sovereign clouds ask GitHub for their audience; a credential with only the public audience is refused (AADSTS700212) and explained', async () => {
  const expected: [string, string, string][] = [
    ['usgov', 'US Government L4 (GCC High)', 'api://AzureADTokenExchangeUSGov'],
    ['usgovdod', 'US Government L5 (DoD)', 'api://AzureADTokenExchangeUSGov'],
    ['china', 'China (operated by 21Vianet)', 'api://AzureADTokenExchangeChina'],
  ];
  const file = h.writePolicy('gh-sovereign.accesspolicy.json', v1PolicyText());
  for (const [cloud, label, audience] of expected) {
    const before = github.issued.length;
    const run = await cli(['--yes', '--github-oidc', '--cloud', cloud, ...app(), file], githubEnv());
    assert.equal(run.code, 1, run.stderr);
    assert.equal(github.issued[before]?.audience, audience, cloud);
    assert.match(
      run.stderr,
      new RegExp(`audience ${audience}\\), app ${APP}; tenant ${h.standIn.tenantId}, cloud ${label.replace(/[()]/g, '\\$&')}`),
    );
    const quoted = audience.replace(/[/.]/g, '\\$&');
    assert.match(
      run.stderr,
      new RegExp(
        `The audience of the GitHub Actions OIDC token \\("${quoted}"\\) matches no federated credential of app .*this cloud expects ${quoted}\\..*\\[AADSTS700212\\]`,
      ),
    );
    assertNoLeaks([run]);
  }
});

test('a job whose subject no credential lists (a pull request) is refused with AADSTS70021, naming the subject', async () => {
  githubJob.subject = 'repo:contoso/access-policies:pull_request';
  try {
    const file = h.writePolicy('gh-pr.accesspolicy.json', v1PolicyText());
    const run = await cli(['--yes', '--github-oidc', ...app(), file], githubEnv());
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      /No federated credential of app .* matches the GitHub Actions OIDC token \(issuer .*subject "repo:contoso\/access-policies:pull_request".*\[AADSTS70021\]/,
    );
    assertNoLeaks([run]);
  } finally {
    githubJob.subject = GITHUB_SUBJECT;
  }
});

test('a 10-minute job: tokens expire between requests, and each new Graph token comes with a fresh OIDC token', async () => {
  h.standIn.state.reset();
  // Time control for a long job without waiting: every Graph request moves the shared clock on
  // by three minutes, so access tokens (10 min here) and OIDC tokens (5 min) expire while the CLI
  // runs. A reused OIDC token would then be refused as expired (AADSTS700024).
  const tokens = h.standIn.tokens;
  const verify = tokens.verify.bind(tokens);
  tokens.verify = (t) => {
    offsetMs += 3 * 60_000;
    return verify(t);
  };
  const start = now();
  const before = github.issued.length;
  try {
    const files = ['one', 'two', 'three', 'four'].map((n) =>
      h.writePolicy(`long-${n}.accesspolicy.json`, v1PolicyText({ displayName: `Long job ${n}` })),
    );
    const run = await cli(['--yes', '--verbose', '--github-oidc', ...app(), ...files], githubEnv());
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.match(/: created [0-9a-f-]{36}\n/g)?.length, 4, run.stdout);
    assert.ok(now() - start >= 10 * 60_000, `the job spanned ${Math.round((now() - start) / 60_000)} minutes`);
    assert.ok(
      h.standIn.state.requests.some((r) => r.status === 401),
      'Graph refused an expired access token at least once',
    );
    const mine = github.issued.slice(before);
    assert.ok(mine.length >= 2, `OIDC tokens fetched: ${mine.length}`);
    assertNoLeaks([run], files);
  } finally {
    tokens.verify = verify;
    offsetMs = 0;
  }
});

test("--azure-devops-oidc: deploys with the service connection's OIDC token", async () => {
  h.standIn.state.reset();
  const before = azdo.issued.length;
  const file = h.writePolicy('ado.accesspolicy.json', v1PolicyText({ displayName: 'From Azure Pipelines' }));
  const run = await cli(['--yes', '--azure-devops-oidc', SERVICE_CONNECTION, ...app(), file], adoEnv());
  created(run, file);
  assert.match(
    run.stderr,
    new RegExp(
      `Signing in with Azure DevOps OIDC \\(workload identity federation, audience api://AzureADTokenExchange\\), app ${APP}; tenant ${h.standIn.tenantId}`,
    ),
  );
  assert.ok(azdo.issued.length > before);
  assert.deepEqual(azdo.refused, []);
  const request = azdo.requests[azdo.requests.length - 1];
  assert.deepEqual(request, {
    method: 'POST',
    url: `/azdo/oidctoken?api-version=7.1&serviceConnectionId=${SERVICE_CONNECTION}`,
    contentType: 'application/json',
    fedAuthRedirect: 'Suppress',
  });
  assertNoLeaks([run], [file]);
});

test('--azure-devops-oidc: missing variables say what to map into the step; an unknown connection is explained', async () => {
  const file = h.writePolicy('ado-bad.accesspolicy.json', v1PolicyText());
  const missing = await cli(['--yes', '--azure-devops-oidc', SERVICE_CONNECTION, ...app(), file], {
    SYSTEM_OIDCREQUESTURI: `${azdo.url}/azdo/oidctoken`,
  });
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /needs SYSTEM_ACCESSTOKEN in the step's environment.*SYSTEM_ACCESSTOKEN: \$\(System\.AccessToken\)/);
  const unknown = randomUUID();
  const wrong = await cli(['--yes', '--azure-devops-oidc', unknown, ...app(), file], adoEnv());
  assert.equal(wrong.code, 1, wrong.stderr);
  assert.match(
    wrong.stderr,
    new RegExp(
      `refused the request for the Azure DevOps OIDC token of service connection ${unknown} \\(HTTP 404\\)\\. Check the service connection id`,
    ),
  );
  const notGuid = await cli(['--yes', '--azure-devops-oidc', 'my-connection', ...app(), file], adoEnv());
  assert.equal(notGuid.code, 2);
  assert.match(notGuid.stderr, /needs the service connection's id \(a GUID/);
  assertNoLeaks([missing, wrong, notGuid]);
});

test('AZURE_CLIENT_ID + AZURE_TENANT_ID + AZURE_FEDERATED_TOKEN_FILE with no sign-in flag: deploys with the token file', async () => {
  h.standIn.state.reset();
  const tokenFile = path.join(h.dir, 'federated-token');
  writeFileSync(tokenFile, cluster.mint(FILE_SUBJECT, 'api://AzureADTokenExchange'));
  const file = h.writePolicy('file.accesspolicy.json', v1PolicyText({ displayName: 'From a token file' }));
  const env = { AZURE_CLIENT_ID: APP, AZURE_TENANT_ID: h.standIn.tenantId, AZURE_FEDERATED_TOKEN_FILE: tokenFile };
  const run = await cli(['--yes', ...local(), file], env);
  created(run, file);
  assert.match(
    run.stderr,
    new RegExp(
      `Signing in with federated token file \\(AZURE_FEDERATED_TOKEN_FILE\\) \\(workload identity federation, audience api://AzureADTokenExchange\\), app ${APP}; tenant ${h.standIn.tenantId}`,
    ),
  );
  const flag = await cli(['--plan', '--federated-token-file', tokenFile, '--tenant', h.standIn.tenantId, ...local(), file], {
    AZURE_CLIENT_ID: APP,
  });
  assert.equal(flag.code, 0, flag.stderr);
  // A missing token file is a configuration error, found before any file is tried.
  const missing = path.join(h.dir, 'no-token');
  const gone = await cli(['--yes', ...local(), file, file], { ...env, AZURE_FEDERATED_TOKEN_FILE: missing });
  assert.equal(gone.code, 2, gone.stderr);
  assert.equal(gone.stdout, '');
  assert.equal(gone.stderr.match(/Cannot read the federated token file .*no-token \(ENOENT\)/g)?.length, 1, gone.stderr);
  assertNoLeaks([run, flag, gone], [file]);
});

test('--managed-identity: system-assigned and user-assigned identities deploy through the App Service endpoint', async () => {
  h.standIn.state.reset();
  const env = { IDENTITY_ENDPOINT: mi.endpoint, IDENTITY_HEADER: mi.header };
  const sys = h.writePolicy('mi-sys.accesspolicy.json', v1PolicyText({ displayName: 'From a system identity' }));
  // A file right after --managed-identity is a file, not a client id.
  const run = await cli(['--yes', '--tenant', h.standIn.tenantId, ...local(), '--managed-identity', sys], env);
  created(run, sys);
  assert.match(
    run.stderr,
    new RegExp(`Signing in with managed identity \\(system-assigned; source AppService\\); tenant ${h.standIn.tenantId}`),
  );
  const user = h.writePolicy('mi-user.accesspolicy.json', v1PolicyText({ displayName: 'From a user identity' }));
  const run2 = await cli(['--yes', '--managed-identity', USER_MI, '--tenant', h.standIn.tenantId, ...local(), user], env);
  created(run2, user);
  assert.match(run2.stderr, new RegExp(`managed identity \\(user-assigned, client ${USER_MI}; source AppService\\)`));
  assert.ok(mi.issuedTo.includes(SYSTEM_MI) && mi.issuedTo.includes(USER_MI));
  const unknown = randomUUID();
  const run3 = await cli(['--yes', '--managed-identity', unknown, '--tenant', h.standIn.tenantId, ...local(), user], env);
  assert.equal(run3.code, 1, run3.stderr);
  assert.match(
    run3.stderr,
    new RegExp(`refused the token request for user-assigned managed identity ${unknown}.*assigned to this machine`),
  );
  assertNoLeaks([run, run2, run3], [sys, user]);
});

test('--managed-identity without the Graph app role: the 403 says how a managed identity is granted it', async () => {
  h.standIn.state.reset();
  const bare = await startManagedIdentityEndpoint({
    tokens: h.standIn.tokens,
    tenantId: h.standIn.tenantId,
    systemAssigned: randomUUID(),
    roles: [],
  });
  try {
    const file = h.writePolicy('mi-norole.accesspolicy.json', v1PolicyText());
    const run = await cli(['--yes', '--managed-identity', '--tenant', h.standIn.tenantId, ...local(), file], {
      IDENTITY_ENDPOINT: bare.endpoint,
      IDENTITY_HEADER: bare.header,
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /HTTP 403/);
    assert.match(
      run.stderr,
      /app role assignments on its service principal \(there is no consent screen\): assign the system-assigned managed identity the Microsoft Graph app role EntitlementManagement\.ReadWrite\.All/,
    );
    assert.deepEqual(writes(h.standIn), []);
    assertNoLeaks([run], [file]);
  } finally {
    await bare.close();
  }
});

/** Writes an `az` on PATH that answers get-access-token with the token in FAKE_AZ_TOKEN (never a file). */
function fakeAz(): { bin: string; log: string } {
  const bin = path.join(h.dir, `bin-${randomBytes(4).toString('hex')}`);
  const log = path.join(bin, 'calls.log');
  mkdirSync(bin);
  const script = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, args.join(' ') + '\\n');
if (args.slice(0, 4).join(' ') !== 'account get-access-token --resource-type ms-graph') { console.error('ERROR: unexpected arguments'); process.exit(2); }
if (!process.env.FAKE_AZ_TOKEN) { console.error("ERROR: Please run 'az login' to setup account."); process.exit(1); }
const expires = Math.floor(Date.now() / 1000) + 3600;
process.stdout.write(JSON.stringify({ accessToken: process.env.FAKE_AZ_TOKEN, expiresOn: new Date(expires * 1000).toISOString().replace('T', ' ').slice(0, 26), expires_on: expires, tenant: process.env.FAKE_AZ_TENANT, tokenType: 'Bearer' }, null, 2));
`;
  const file = path.join(bin, 'az');
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return { bin, log };
}

test("--azure-cli after a service principal az login: deploys with az's Graph token", async () => {
  h.standIn.state.reset();
  const az = fakeAz();
  const sp = randomUUID();
  const token = h.standIn.tokens.issue({
    tenantId: h.standIn.tenantId,
    clientId: sp,
    scopes: ['EntitlementManagement.ReadWrite.All'],
    subject: `sp-${sp}`,
    appOnly: true,
  }).accessToken;
  const file = h.writePolicy('az-sp.accesspolicy.json', v1PolicyText({ displayName: 'From az' }));
  const run = await cli(['--yes', '--azure-cli', '--tenant', h.standIn.tenantId, '--graph-url', h.standIn.url, file], {
    PATH: `${az.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    FAKE_AZ_TOKEN: token,
    FAKE_AZ_TENANT: h.standIn.tenantId,
  });
  created(run, file);
  assert.match(
    run.stderr,
    new RegExp(`Signing in with the Azure CLI's login \\(az account get-access-token\\); tenant ${h.standIn.tenantId}`),
  );
  assert.equal(
    readFileSync(az.log, 'utf8').trim().split('\n')[0],
    `account get-access-token --resource-type ms-graph --tenant ${h.standIn.tenantId} --output json`,
  );
  assertNoLeaks([run], [file, az.log]);

  // az set to the global cloud while the deploy targets US Gov: said before Graph is called.
  const gov = await cli(['--yes', '--azure-cli', '--cloud', 'usgov', '--tenant', h.standIn.tenantId, '--graph-url', h.standIn.url, file], {
    PATH: `${az.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    FAKE_AZ_TOKEN: token,
  });
  assert.equal(gov.code, 1, gov.stderr);
  assert.match(
    gov.stderr,
    /gave a token for https:\/\/graph\.microsoft\.com, but cloud US Government L4 \(GCC High\) uses https:\/\/graph\.microsoft\.us\. Switch az with "az cloud set --name AzureUSGovernment"/,
  );
  assertNoLeaks([gov]);
});

test("--azure-cli with a user login: Graph's 403 is explained (the Azure CLI app has no entitlement-management permission) with what to use instead", async () => {
  h.standIn.state.reset();
  const az = fakeAz();
  const token = h.standIn.tokens.issue({
    tenantId: h.standIn.tenantId,
    clientId: AZURE_CLI_CLIENT_ID,
    scopes: ['Directory.AccessAsUser.All', 'User.Read'],
    subject: randomUUID(),
    username: 'alice@contoso.example',
    appOnly: false,
  }).accessToken;
  const file = h.writePolicy('az-user.accesspolicy.json', v1PolicyText());
  const run = await cli(['--yes', '--azure-cli', '--tenant', h.standIn.tenantId, '--graph-url', h.standIn.url, file], {
    PATH: `${az.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    FAKE_AZ_TOKEN: token,
  });
  assert.equal(run.code, 1, run.stderr);
  assert.equal(run.stdout, `${file}: failed\n`);
  assert.match(run.stderr, /HTTP 403/);
  assert.match(
    run.stderr,
    new RegExp(
      `The Azure CLI is signed in as a user\\. Its sign-in app \\(Microsoft Azure CLI, ${AZURE_CLI_CLIENT_ID}\\) has no EntitlementManagement delegated permission`,
    ),
  );
  assert.match(run.stderr, /az login --service-principal.*az login --identity.*--device-code.*--github-oidc/);
  assert.deepEqual(writes(h.standIn), []);
  assertNoLeaks([run], [file]);
});

test('--azure-cli when az is not signed in, or not installed: the file fails with what to do', async () => {
  const az = fakeAz();
  const file = h.writePolicy('az-none.accesspolicy.json', v1PolicyText());
  const out = await cli(['--yes', '--azure-cli', '--tenant', h.standIn.tenantId, '--graph-url', h.standIn.url, file], {
    PATH: `${az.bin}${path.delimiter}${process.env.PATH ?? ''}`,
  });
  assert.equal(out.code, 1, out.stderr);
  assert.match(out.stderr, /"az account get-access-token" failed \(exit 1\): ERROR: Please run 'az login'.*Run "az login"/);
  const none = await cli(['--yes', '--azure-cli', '--tenant', h.standIn.tenantId, '--graph-url', h.standIn.url, file], {
    PATH: path.join(h.dir, 'no-such-bin'),
  });
  assert.equal(none.code, 1, none.stderr);
  assert.match(none.stderr, /the Azure CLI \(az\) was not found on PATH/);
});

test('two sign-in methods: exit 2 naming both; nothing is sent', async () => {
  const file = h.writePolicy('two.accesspolicy.json', v1PolicyText());
  const count = h.standIn.state.requests.length;
  const cases: [string[], RegExp][] = [
    [['--github-oidc', '--azure-cli'], /--github-oidc and --azure-cli were both given/],
    [['--managed-identity', '--federated-token-file', 'x'], /--federated-token-file and --managed-identity were both given/],
    [
      ['--client-secret-env', 'S', '--azure-devops-oidc', SERVICE_CONNECTION],
      /--azure-devops-oidc and --client-secret-env were both given/,
    ],
    [['--device-code', '--azure-cli', '--github-oidc'], /--github-oidc, --azure-cli and --device-code were all given/],
  ];
  for (const [flags, message] of cases) {
    const run = await cli(['--yes', ...flags, ...app(), file], { ...githubEnv(), S: 'x' });
    assert.equal(run.code, 2, `${flags.join(' ')}\n${run.stderr}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
  assert.equal(h.standIn.state.requests.length, count);
});
