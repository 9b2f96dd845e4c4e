// `accesspolicy deploy` as a user runs it: the bundled dist/cli.js in its own process, signing in
// with real msal-node (client secret from an environment variable) against the tenant stand-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { harness, v1PolicyText, writes, leakedSecrets, runCli, type CliRun, type Harness } from './helpers';

const CLI = path.resolve('dist/cli.js');
const clientId = randomUUID();
const secret = `sec-${randomBytes(18).toString('base64url')}`;
let h: Harness;

before(async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
  h = await harness({ clients: [{ clientId, secret }] });
});
after(async () => h?.close());

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['deploy', ...args], { DEPLOY_SECRET: secret, ...env });
}

function signIn(): string[] {
  return [
    '--tenant',
    h.standIn.tenantId,
    '--client-id',
    clientId,
    '--client-secret-env',
    'DEPLOY_SECRET',
    '--graph-url',
    h.standIn.url,
    '--authority-url',
    h.standIn.url,
  ];
}

test('--plan shows the create and changes nothing; --yes creates and writes the id; again is unchanged', async () => {
  h.standIn.state.reset();
  const file = h.writePolicy('cli.accesspolicy.json', v1PolicyText({ displayName: 'CLI policy' }));
  const plan = await cli(['--plan', ...signIn(), file]);
  assert.equal(plan.code, 0, plan.stderr);
  assert.equal(plan.stdout, `${file}: planned create\n`);
  assert.match(plan.stderr, /\+\s+"displayName": "CLI policy"/);
  assert.deepEqual(writes(h.standIn), []);

  const run = await cli(['--yes', '--verbose', ...signIn(), file]);
  assert.equal(run.code, 0, run.stderr);
  const m = /^(.+): created ([0-9a-f-]{36})\n$/.exec(run.stdout);
  assert.ok(m, run.stdout);
  assert.equal(m[1], file);
  assert.ok(h.standIn.state.policies.has(m[2]));
  assert.match(readFileSync(file, 'utf8'), new RegExp(`"id": "${m[2]}"`));
  assert.match(
    run.stderr,
    /POST http:\/\/127\.0\.0\.1:\d+\/v1\.0\/identityGovernance\/entitlementManagement\/assignmentPolicies → 201 request-id/,
  );

  const again = await cli(['--yes', ...signIn(), file]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, `${file}: unchanged ${m[2]}\n`);

  const all = [plan, run, again].map((r) => r.stdout + r.stderr).join('\n');
  assert.ok(h.standIn.tokens.allIssuedSecrets().includes(secret));
  assert.deepEqual(leakedSecrets(h.standIn, all), [], 'no token or client secret in the output');
});

test('a file with errors fails alone and is never sent; the other file deploys; exit 1', async () => {
  h.standIn.state.reset();
  const good = h.writePolicy('good.accesspolicy.json', v1PolicyText({ displayName: 'Good one' }));
  const bad = h.writePolicy('bad.accesspolicy.json', v1PolicyText({ displayName: 'Bad one' }).replace('"notSpecified"', '"nobody"'));
  const run = await cli(['--yes', ...signIn(), bad, good]);
  assert.equal(run.code, 1);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines[0], `${bad}: failed`);
  assert.match(lines[1], new RegExp(`^${good.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: created [0-9a-f-]{36}$`));
  assert.match(run.stderr, /bad\.accesspolicy\.json:\d+:\d+ AP\d{4} .*nothing was sent|nothing was sent/);
  assert.equal(h.standIn.state.policies.size, 1);
  assert.equal([...h.standIn.state.policies.values()][0].body.displayName, 'Good one');
});

test('a Graph error is explained on stderr with request-id; exit 1', async () => {
  h.standIn.state.reset();
  const file = h.writePolicy(
    'missing.accesspolicy.json',
    v1PolicyText({ displayName: 'x', accessPackageId: '99999999-9999-9999-9999-999999999999' }),
  );
  const run = await cli(['--yes', ...signIn(), file]);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, `${file}: failed\n`);
  assert.match(run.stderr, /Access package 99999999-9999-9999-9999-999999999999 was not found/);
  assert.match(run.stderr, /request-id [0-9a-f-]{36}/);
});

test('a wrong client secret: sign-in failure explained, secret not echoed, exit 1', async () => {
  const file = h.writePolicy('wrong.accesspolicy.json', v1PolicyText({ displayName: 'wrong secret' }));
  const wrong = `wrong-${randomBytes(12).toString('hex')}`;
  const run = await cli(['--yes', ...signIn(), file], { DEPLOY_SECRET: wrong });
  assert.equal(run.code, 1);
  assert.equal(run.stdout, `${file}: failed\n`);
  assert.ok(!run.stderr.includes(wrong) && !run.stdout.includes(wrong));
  assert.match(run.stderr, /secret/i);
});

test('usage errors exit 2 and say why', async () => {
  const file = h.writePolicy('u.accesspolicy.json', v1PolicyText());
  const cases: [string[], RegExp][] = [
    [[...signIn(), file], /add --yes to deploy, or --plan/],
    [['--yes', '--plan', ...signIn(), file], /exclude each other/],
    [['--yes', ...signIn()], /at least one policy file/],
    [['--yes', '--tenant', h.standIn.tenantId, '--client-id', clientId, file], /exactly one sign-in/],
    [
      ['--yes', ...signIn().slice(0, 6), '--graph-url', 'http://graph.example.com:8080', file],
      /--graph-url: refusing to send credentials to graph\.example\.com:8080/,
    ],
    [['--yes', ...signIn(), '--cloud', 'mars', file], /Unknown cloud "mars"/],
    [['--yes', '--frobnicate', ...signIn(), file], /frobnicate/],
    [['--yes', ...signIn(), '--tenant', 'not a tenant', file], /"not a tenant" is not a tenant id/],
    [['--yes', ...signIn(), '--client-secret', 'Pasted~Secret.Value', file], /--client-secret is not accepted.*--client-secret-env NAME/],
    [['--yes', ...signIn(), '--client-secret=Pasted~Secret.Value', file], /--client-secret is not accepted/],
    [['--yes', ...signIn(), '--client-id', 'my-app', file], /Client id "my-app" is not a GUID/],
    [
      ['--yes', '--tenant', h.standIn.tenantId, '--client-id', clientId, '--certificate', path.join(h.dir, 'missing.pem'), file],
      /Cannot read certificate file .*missing\.pem/,
    ],
  ];
  for (const [args, message] of cases) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(' ')}\n${run.stderr}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
    assert.ok(!run.stderr.includes('Pasted~Secret.Value'), 'a secret given as a flag is not echoed');
  }
  assert.deepEqual(
    writes(h.standIn).filter((w) => !w.startsWith('GET')),
    [],
  );
});

test('an unset secret variable is a configuration error found before any file is tried: exit 2, once', async () => {
  const a = h.writePolicy('a.accesspolicy.json', v1PolicyText({ displayName: 'A' }));
  const b = h.writePolicy('b.accesspolicy.json', v1PolicyText({ displayName: 'B' }));
  const run = await cli(['--yes', ...signIn(), a, b], { DEPLOY_SECRET: '' });
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.match(/Environment variable DEPLOY_SECRET is not set/g)?.length, 1, run.stderr);
});

// --plan ends with each changed policy in words, before and after, so a reviewer reads
// "approval goes from 1 stage to 2 stages" and not only the JSON diff.
const APPROVER = '7deff43e-1f17-44ef-9e5f-d516b0ba11d4';
const SECOND = '46184453-e63b-4f20-86c2-c557ed5d5df9';

function stage(userId: string): string {
  return `{ "durationBeforeAutomaticDenial": "P14D", "isApproverJustificationRequired": false, "isEscalationEnabled": false, "durationBeforeEscalation": "PT0S",
      "primaryApprovers": [{ "@odata.type": "#microsoft.graph.singleUser", "userId": "${userId}" }], "fallbackPrimaryApprovers": [], "escalationApprovers": [], "fallbackEscalationApprovers": [] }`;
}

/** The stand-in's direct-assignment policy made requestable by members, with `stages` approval stages. */
function withApproval(text: string, stages: string[], duration: string): string {
  return text
    .replace('"allowedTargetScope": "notSpecified"', '"allowedTargetScope": "allMemberUsers"')
    .replace('"enableTargetsToSelfAddAccess": false', '"enableTargetsToSelfAddAccess": true')
    .replace(
      '"expiration": { "endDateTime": null, "duration": null, "type": "noExpiration" }',
      `"expiration": { "endDateTime": null, "duration": "${duration}", "type": "afterDuration" }`,
    )
    .replace('"isApprovalRequiredForAdd": false, // admins assign directly', '"isApprovalRequiredForAdd": true,')
    .replace('"stages": []', `"stages": [${stages.join(', ')}]`);
}

test('deploy --plan of a create ends with the new policy summary', async () => {
  h.standIn.state.reset();
  const file = h.writePolicy(
    'new.accesspolicy.json',
    withApproval(v1PolicyText({ displayName: 'Summarised' }), [stage(APPROVER)], 'P365D'),
  );
  const plan = await cli(['--plan', ...signIn(), file]);
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(
    plan.stderr,
    /summary \(new policy\)\n\s+after:\s+Requested by: all member users · 1 approval stage · 365 days · no review\n\s+• new policy/,
  );
  assert.deepEqual(writes(h.standIn), []);
});

test('deploy --plan of an update says what changes in words: 1 stage to 2 stages, 365 to 180 days', async () => {
  h.standIn.state.reset();
  const file = h.writePolicy(
    'update.accesspolicy.json',
    withApproval(v1PolicyText({ displayName: 'Two stages soon' }), [stage(APPROVER)], 'P365D'),
  );
  const created = await cli(['--yes', ...signIn(), file]);
  assert.equal(created.code, 0, created.stderr);
  // The file now has its id; the change adds a second stage and shortens access.
  const deployed = readFileSync(file, 'utf8');
  assert.ok(deployed.includes(stage(APPROVER)));
  writeFileSync(file, deployed.replace(stage(APPROVER), `${stage(APPROVER)}, ${stage(SECOND)}`).replace('"P365D"', '"P180D"'));
  const markdownFile = path.join(path.dirname(file), 'plan.md');
  const plan = await cli(['--plan', '--markdown', markdownFile, ...signIn(), file]);
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /planned update/);
  // The same, as Markdown for a pull request comment.
  const md = readFileSync(markdownFile, 'utf8');
  assert.match(md, /^### Access policy plan for tenant /);
  assert.match(md, /\*\*Two stages soon\*\* \(Graph v1\.0, access package `[0-9a-f-]{36}`\): update policy `[0-9a-f-]{36}`/);
  assert.match(
    md,
    /- \*\*Before:\*\* Requested by: all member users · 1 approval stage · 365 days · no review\n- \*\*After:\*\* Requested by: all member users · 2 approval stages · 180 days · no review/,
  );
  assert.match(md, /- approval goes from 1 stage to 2 stages\n- access goes from 365 days to 180 days/);
  assert.match(md, /<details><summary>JSON diff<\/summary>\n\n```diff\n[\s\S]*"P180D"[\s\S]*```/);
  const summary = plan.stderr.slice(plan.stderr.indexOf('summary before → after'));
  assert.match(summary, /before: Requested by: all member users · 1 approval stage · 365 days · no review/);
  assert.match(summary, /after:  Requested by: all member users · 2 approval stages · 180 days · no review/);
  assert.match(summary, /• approval goes from 1 stage to 2 stages/);
  assert.match(summary, /• access goes from 365 days to 180 days/);
  assert.match(summary, new RegExp(`\\+ Approval › Stage 2 › Approvers: › user ${SECOND}`));
  assert.equal(h.standIn.state.policies.size, 1, 'the plan changed nothing');
});
