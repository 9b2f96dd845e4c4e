// One folder, two environments: `accesspolicy.config.json` names dev (by domain) and prod (by id),
// one stand-in holds both tenants, and the real CLI process signs in to each with msal-node. The
// ids go to accesspolicy.ids.json per environment, never into the policy files; dev and prod get
// different ids; plan in each is unchanged after apply; a renamed policy is updated, not doubled.
// Configuration mistakes are exit 2 with a clear message, before anything is sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { tenantCli, type TenantCli } from './tenantCli';
import { v1PolicyText } from '../deploy/helpers';

const DEV = '20000000-0000-4000-8000-00000000d0e1';
const PROD = '20000000-0000-4000-8000-00000000f0e1';
// The same package id in both tenants keeps these tests about ids; references map real ones.
const PACKAGE = randomUUID();
let t: TenantCli;
let folder: string;
let signIn: string[];

const CONFIG = `// Where these policies go.
{
  "environments": {
    "dev": { "tenant": "contoso-dev.onmicrosoft.com" },
    "prod": { "tenant": "${PROD}", "cloud": "global" }
  },
  "values": { "approvers": { "dev": "dev approvers", "prod": "prod approvers" } }
}
`;

before(async () => {
  t = await tenantCli({
    tenantId: DEV,
    domain: 'contoso-dev.onmicrosoft.com',
    accessPackages: [PACKAGE],
    otherTenants: [{ tenantId: PROD, domain: 'contoso.onmicrosoft.com', accessPackages: [PACKAGE] }],
  });
  // The sign-in flags without --tenant: the environment names the tenant.
  const i = t.signIn.indexOf('--tenant');
  signIn = [...t.signIn.slice(0, i), ...t.signIn.slice(i + 2)];
  folder = path.join(t.dir, 'policies');
  mkdirSync(path.join(folder, 'HR'), { recursive: true });
  writeFileSync(path.join(folder, 'accesspolicy.config.json'), CONFIG);
  writeFileSync(
    path.join(folder, 'HR', 'Onboarding.accesspolicy.json'),
    v1PolicyText({ displayName: 'Onboarding', accessPackageId: PACKAGE }),
  );
  writeFileSync(path.join(folder, 'Direct.accesspolicy.json'), v1PolicyText({ displayName: 'Direct', accessPackageId: PACKAGE }));
});
after(async () => t?.close());

const idsFile = () => path.join(folder, 'accesspolicy.ids.json');
const ids = () => JSON.parse(readFileSync(idsFile(), 'utf8')).policies as Record<string, Record<string, string>>;
const policiesIn = (tenant: string) => [...t.standIn.tenant(tenant).state.policies.values()];

test('apply --env dev, then --env prod: one policy per file in each tenant, different ids, all in the ids file', async () => {
  const policyTexts = ['HR/Onboarding.accesspolicy.json', 'Direct.accesspolicy.json'].map((f) =>
    readFileSync(path.join(folder, f), 'utf8'),
  );
  const dev = await t.run(['apply', '--env', 'dev', ...signIn, '--yes', 'policies']);
  assert.equal(dev.code, 0, dev.stdout + dev.stderr);
  assert.match(dev.stderr, /Plan for environment "dev", tenant contoso-dev\.onmicrosoft\.com/);
  assert.equal(
    dev.stdout
      .trim()
      .split('\n')
      .filter((l) => / created [0-9a-f-]{36}$/.test(l)).length,
    2,
    dev.stdout,
  );
  const prod = await t.run(['apply', '--env', 'prod', ...signIn, '--yes', 'policies']);
  assert.equal(prod.code, 0, prod.stdout + prod.stderr);

  assert.equal(policiesIn(DEV).length, 2);
  assert.equal(policiesIn(PROD).length, 2);
  const recorded = ids();
  assert.deepEqual(
    Object.keys(recorded),
    ['Direct.accesspolicy.json', 'HR/Onboarding.accesspolicy.json'],
    'one entry per file, sorted, "/"-separated',
  );
  for (const [file, perEnv] of Object.entries(recorded)) {
    assert.deepEqual(Object.keys(perEnv), ['dev', 'prod'], file);
    assert.notEqual(perEnv.dev, perEnv.prod, `${file}: dev and prod ids differ`);
    assert.ok(t.standIn.tenant(DEV).state.policies.has(perEnv.dev), `${file}: the dev id is dev's policy`);
    assert.ok(t.standIn.tenant(PROD).state.policies.has(perEnv.prod), `${file}: the prod id is prod's policy`);
  }
  assert.deepEqual(
    ['HR/Onboarding.accesspolicy.json', 'Direct.accesspolicy.json'].map((f) => readFileSync(path.join(folder, f), 'utf8')),
    policyTexts,
    'the policy files are untouched (no "id")',
  );
  assert.doesNotMatch(readFileSync(idsFile(), 'utf8'), /\d{4}-\d{2}-\d{2}T/, 'no timestamps in the ids file');
});

test('plan in each environment is unchanged after apply; --format json names the environment and tenant', async () => {
  for (const env of ['dev', 'prod']) {
    const plan = await t.run(['plan', '--env', env, ...signIn, '--format', 'json', 'policies']);
    assert.equal(plan.code, 0, `${env}: ${plan.stdout}${plan.stderr}`);
    assert.match(
      plan.stderr,
      new RegExp(`Planning 2 files against environment "${env}": tenant ${env === 'dev' ? 'contoso-dev\\.onmicrosoft\\.com' : PROD}`),
    );
    const json = JSON.parse(plan.stdout) as { tenant: string; environment: string; changes: { action: string }[] };
    assert.equal(json.environment, env);
    assert.equal(json.tenant, env === 'dev' ? 'contoso-dev.onmicrosoft.com' : PROD);
    assert.deepEqual(
      json.changes.map((c) => c.action),
      ['unchanged', 'unchanged'],
    );
  }
});

test('renaming a policy updates it in each environment, never makes a second one', async () => {
  const file = path.join(folder, 'Direct.accesspolicy.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"displayName": "Direct"', '"displayName": "Direct assignment (renamed)"'));
  const before = ids()['Direct.accesspolicy.json'];
  const plan = await t.run(['plan', '--env', 'prod', ...signIn, 'policies']);
  assert.equal(plan.code, 2, plan.stdout + plan.stderr);
  assert.match(plan.stdout, /update/);
  for (const env of ['dev', 'prod'] as const) {
    const apply = await t.run(['apply', '--env', env, ...signIn, '--yes', 'policies']);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.match(apply.stdout, new RegExp(`Direct\\.accesspolicy\\.json: updated ${before[env]}`));
    const tenant = env === 'dev' ? DEV : PROD;
    assert.equal(policiesIn(tenant).length, 2, `${env}: still two policies`);
    assert.equal(t.standIn.tenant(tenant).state.policies.get(before[env])?.body.displayName, 'Direct assignment (renamed)');
  }
  assert.deepEqual(ids()['Direct.accesspolicy.json'], before, 'the ids stay');
});

test('deploy --env writes the new id into the ids file; pull --env keeps the files id-free and in step', async () => {
  const extra = path.join(folder, 'Extra.accesspolicy.json');
  writeFileSync(extra, v1PolicyText({ displayName: 'Extra', accessPackageId: PACKAGE }));
  const text = readFileSync(extra, 'utf8');
  const deploy = await t.run(['deploy', '--env', 'prod', ...signIn, '--yes', 'policies/Extra.accesspolicy.json']);
  assert.equal(deploy.code, 0, deploy.stdout + deploy.stderr);
  const id = /: created ([0-9a-f-]{36})/.exec(deploy.stdout)?.[1];
  assert.ok(id, deploy.stdout);
  assert.equal(ids()['Extra.accesspolicy.json']?.prod, id);
  assert.equal(readFileSync(extra, 'utf8'), text, 'no "id" written into the file');
  const again = await t.run(['deploy', '--env', 'prod', ...signIn, '--yes', 'policies/Extra.accesspolicy.json']);
  assert.match(again.stdout, new RegExp(`unchanged ${id}`), again.stdout + again.stderr);

  const pull = await t.run(['pull', '--env', 'prod', ...signIn, '--out', 'policies']);
  assert.equal(pull.code, 0, pull.stdout + pull.stderr);
  const actions = pull.stdout
    .trim()
    .split('\n')
    .map((l) => l.replace(/ [0-9a-f-]{36}$/, ''));
  assert.equal(actions.filter((a) => a.endsWith(': created')).length, 0, `every prod policy already has its file: ${pull.stdout}`);
  for (const f of ['Extra.accesspolicy.json', 'Direct.accesspolicy.json', 'HR/Onboarding.accesspolicy.json']) {
    assert.doesNotMatch(readFileSync(path.join(folder, f), 'utf8'), /\n {2}"id":/, `${f} has no id after pull`);
  }
  const plan = await t.run(['plan', '--env', 'prod', ...signIn, 'policies']);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
});

test('configuration mistakes are exit 2, named, and nothing is sent', async () => {
  const sent = () => t.standIn.tenants.reduce((n, x) => n + x.state.requests.length, 0);
  const before = sent();
  const cases: [string[], RegExp][] = [
    [['plan', '--env', 'stage', ...signIn, 'policies'], /has no environment "stage"; it has "dev", "prod"/],
    [['plan', '--env', 'Dev', ...signIn, 'policies'], /did you mean "dev"/],
    [['plan', ...signIn, 'policies'], /names environments \(dev, prod\): choose one with --env NAME/],
    [
      ['apply', '--env', 'dev', ...t.signIn, '--yes', 'policies'],
      /--tenant 2.* disagrees with environment "dev" .* which names tenant contoso-dev\.onmicrosoft\.com/,
    ],
    [
      ['deploy', '--env', 'prod', ...signIn, '--cloud', 'usgov', '--plan', 'policies/Direct.accesspolicy.json'],
      /--cloud usgov disagrees with environment "prod"/,
    ],
    [
      ['pull', '--env', 'dev', ...signIn, '--out', 'elsewhere'],
      /--env dev: no accesspolicy\.config\.json in elsewhere or any folder above/,
    ],
  ];
  for (const [argv, message] of cases) {
    const r = await t.run(argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, argv.join(' '));
  }
  // An invalid configuration: every error listed with file:line:col and its code.
  const broken = path.join(t.dir, 'broken');
  mkdirSync(broken);
  writeFileSync(
    path.join(broken, 'accesspolicy.config.json'),
    '{\n  "environments": { "dev": { "tenant": "https://login.microsoftonline.us/x", "cloud": "https://graph.microsoft.us" } }\n}\n',
  );
  writeFileSync(path.join(broken, 'A.accesspolicy.json'), v1PolicyText({ accessPackageId: PACKAGE }));
  const bad = await t.run(['plan', '--env', 'dev', ...signIn, 'broken']);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /accesspolicy\.config\.json:2:\d+ AP3006 "tenant" is the tenant's id \(a GUID\) or a domain, never a URL/);
  assert.match(bad.stderr, /accesspolicy\.config\.json:2:\d+ AP3007 .*belongs to cloud "usgov"/);
  assert.equal(sent(), before, 'no Graph request for any of them');
  assert.ok(!existsSync(path.join(broken, 'accesspolicy.ids.json')));
});

test('a policy file that names its own id in a folder with environments is refused, with where the id goes', async () => {
  const own = path.join(folder, 'Own id.accesspolicy.json');
  const ownId = randomUUID();
  writeFileSync(own, v1PolicyText({ displayName: 'Own id', accessPackageId: PACKAGE, id: ownId }));
  try {
    const plan = await t.run(['plan', '--env', 'dev', ...signIn, 'policies']);
    assert.equal(plan.code, 1, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Own id\.accesspolicy\.json.*refused/s);
    assert.match(plan.stdout + plan.stderr, new RegExp(`record it there as "Own id\\.accesspolicy\\.json": \\{ "dev": "${ownId}" \\}`));
    const deploy = await t.run(['deploy', '--env', 'dev', ...signIn, '--yes', 'policies/Own id.accesspolicy.json']);
    assert.equal(deploy.code, 1);
    assert.match(deploy.stderr, /remove "id" from the file; nothing was sent/);
  } finally {
    writeFileSync(own, '');
    (await import('node:fs')).rmSync(own);
  }
});
