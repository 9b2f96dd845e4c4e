// `accesspolicy pull` and `plan` through the real process against a stand-in seeded with hundreds
// of policies of every kind (a third shaped as the portal leaves them), with small list pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { validatePolicy } from '../../core/src/validate';
import { tenantCli, pullLines, filesUnder as allFiles, type TenantCli } from './tenantCli';

const POLICIES = 300;
let t: TenantCli;

before(async () => {
  t = await tenantCli({ seedPolicies: POLICIES, pageSize: 13, accessPackages: [] });
});
after(async () => t?.close());

function snapshot(dir: string): Map<string, string> {
  return new Map(allFiles(dir).map((f) => [f, readFileSync(f, 'utf8')]));
}

test('pull writes one valid file per policy; plan right after is all unchanged; pulling again writes nothing', async () => {
  t.takeRequests();
  const pull = await t.run(['pull', ...t.signIn, '--out', 'tenant']);
  assert.equal(pull.code, 0, pull.stderr);
  const lines = pullLines(pull.stdout);
  assert.equal(lines.length, POLICIES);
  assert.ok(lines.every(([, action]) => action === 'created'));
  const ids = new Set(lines.map(([, , id]) => id));
  assert.equal(ids.size, POLICIES);
  const pullRequests = t.takeRequests();
  assert.ok(
    pullRequests.every((r) => r.method === 'GET'),
    'pull only reads',
  );
  assert.ok(
    pullRequests.some((r) => /\$skiptoken/.test(decodeURIComponent(r.path))),
    'lists crossed pages',
  );
  // Catalogs (1 page) + packages (30 / 13 → 3) + policies (300 / 13 → 24): no GET per policy.
  assert.ok(pullRequests.length <= 1 + 3 + 24, `pull made ${pullRequests.length} requests`);

  const root = path.join(t.dir, 'tenant');
  const files = allFiles(root);
  assert.equal(files.length, POLICIES);
  for (const file of files) {
    assert.ok(file.endsWith('.accesspolicy.json'), file);
    const rel = path.relative(root, file).split(path.sep);
    assert.equal(rel.length, 3, `catalog/package/policy: ${file}`);
    for (const seg of rel) {
      assert.doesNotMatch(seg, /[<>:"\\|?*]/, `safe name: ${seg}`);
      assert.doesNotMatch(seg, /^(con|prn|aux|nul)(\.|$)/i, `no reserved name: ${seg}`);
      assert.doesNotMatch(seg, /[. ]$/, `no trailing dot or space: ${seg}`);
    }
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^\/\/ Catalog: .+ · Access package: .+\n\{/, `leading comment in ${file}`);
    const result = validatePolicy(text);
    const errors = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(
      errors.map((d) => `${d.code} ${d.message}`),
      [],
      `${file} validates without errors or warnings`,
    );
    const value = result.parsed.value as Record<string, unknown>;
    assert.ok(ids.has(String(value.id)));
    for (const key of ['createdDateTime', 'modifiedDateTime', 'catalog', '@odata.context'])
      assert.ok(!(key in value), `${key} is service-maintained`);
    assert.doesNotMatch(text, /"description": "(User|Group) [0-9a-f]{4}"/, "subject-set descriptions are the service's");
    assert.deepEqual(Object.keys(value.accessPackage as object), ['id']);
  }
  // Catalog "CON" and "Sales?" and package `Project "Aurora"` come out safe; duplicate names get an id suffix.
  assert.ok(existsSync(path.join(root, 'CON_')));
  assert.ok(existsSync(path.join(root, 'Sales_')));
  assert.ok(
    files.some((f) => / \([0-9a-f]{8}\)\.accesspolicy\.json$/.test(f)),
    'colliding policy names get a short id suffix',
  );
  // Questions and custom extension stages are pulled (they need $expand on v1.0).
  const withQuestions = files.map((f) => readFileSync(f, 'utf8')).filter((s) => s.includes('"questions"'));
  assert.ok(
    withQuestions.length > 0 &&
      withQuestions.every((s) => !/"id": "[0-9a-f-]{36}",\s*"@odata.type": "#microsoft.graph.accessPackage(Text|Multiple)/.test(s)),
    'question ids are not written',
  );
  assert.ok(files.some((f) => readFileSync(f, 'utf8').includes('"customExtensionStageSettings"')));

  const plan = await t.run(['plan', ...t.signIn, 'tenant']);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  assert.match(plan.stdout, new RegExp(`${POLICIES} unchanged\\.`));
  assert.doesNotMatch(plan.stdout, /: (update|create|adopt|missing|refused|unmanaged) /);
  const planRequests = t.takeRequests();
  assert.ok(planRequests.every((r) => r.method === 'GET'));
  assert.ok(!planRequests.some((r) => /assignmentPolicies\/[0-9a-f-]{36}/.test(r.path)), 'no GET per file');

  const before = snapshot(root);
  const again = await t.run(['pull', ...t.signIn, '--out', 'tenant']);
  assert.equal(again.code, 0, again.stderr);
  assert.ok(pullLines(again.stdout).every(([, action]) => action === 'unchanged'));
  assert.deepEqual(snapshot(root), before, 'bytes identical');
});

test('a policy changed in the tenant is updated in the file that holds it, under any name, keeping comments; a deleted one is reported and kept', async () => {
  const root = path.join(t.dir, 'tenant');
  const [file] = allFiles(root).filter((f) => f.includes('Direct assignment'));
  const id = String((validatePolicy(readFileSync(file, 'utf8')).parsed.value as { id: string }).id);
  // The author moves and annotates the file.
  const moved = path.join(root, 'my-direct.accesspolicy.json');
  const annotated = readFileSync(file, 'utf8').replace('"allowedTargetScope"', '// who may be assigned\n  "allowedTargetScope"');
  writeFileSync(moved, annotated);
  (await import('node:fs')).rmSync(file);
  // The tenant changes the description.
  const stored = t.standIn.state.policies.get(id)!;
  stored.body.description = 'changed in the portal';
  const gone = [...t.standIn.state.policies.keys()].find((k) => k !== id)!;
  t.standIn.state.policies.delete(gone);
  const goneFile = allFiles(root).find((f) => readFileSync(f, 'utf8').includes(gone))!;

  const pull = await t.run(['pull', ...t.signIn, '--out', 'tenant']);
  assert.equal(pull.code, 0, pull.stderr);
  const lines = pullLines(pull.stdout);
  const mine = lines.find(([, , i]) => i === id)!;
  assert.equal(mine[1], 'updated');
  assert.equal(path.resolve(t.dir, mine[0]), moved);
  const text = readFileSync(moved, 'utf8');
  assert.match(text, /"description": "changed in the portal"/);
  assert.match(text, /\/\/ who may be assigned\n {2}"allowedTargetScope"/, 'comment kept');
  assert.equal(
    text.replace('changed in the portal', '§'),
    annotated.replace(/"description": "[^"]*"/, '"description": "§"'),
    'only the changed value was edited',
  );
  assert.ok(lines.some(([p, action, i]) => action === 'gone' && i === gone && path.resolve(t.dir, p) === goneFile));
  assert.ok(existsSync(goneFile), 'a file whose policy is gone is never deleted');
  assert.equal(lines.filter(([, action]) => action === 'created').length, 0, 'the moved file is not duplicated');
});

test('--catalog and --access-package by name narrow the pull; an unknown name is exit 1 with nothing written', async () => {
  const pkg = [...t.standIn.state.packages.values()].find((p) => p.displayName === 'Interns')!;
  const catalog = t.standIn.state.catalogs.get(pkg.catalogId)!;
  const out = await t.run(['pull', ...t.signIn, '--catalog', catalog.displayName, '--access-package', 'interns', '--out', 'narrow']);
  assert.equal(out.code, 0, out.stderr);
  const lines = pullLines(out.stdout);
  const expected = [...t.standIn.state.policies.values()].filter((p) => p.accessPackageId === pkg.id).length;
  assert.equal(lines.length, expected);
  assert.ok(lines.every(([, action]) => action === 'created'));

  const ambiguous = await t.run(['pull', ...t.signIn, '--access-package', 'Interns', '--out', 'amb']);
  assert.equal(ambiguous.code, 1);
  assert.match(ambiguous.stderr, /access packages are named "Interns".*add --catalog or name it by id/s);
  assert.ok(!existsSync(path.join(t.dir, 'amb')));

  const unknown = await t.run(['pull', ...t.signIn, '--catalog', 'No such catalog', '--out', 'none']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /No catalog "No such catalog"/);
  assert.ok(!existsSync(path.join(t.dir, 'none')));
});

test('pull: usage and configuration errors exit 2; a list that keeps failing is exit 1 and writes nothing', async () => {
  const usage = await t.run(['pull', ...t.signIn, '--api-version', 'v2']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--api-version must be v1\.0 or beta/);
  const noSecret = await t.run(['pull', ...t.signIn.map((a) => (a === 'FOLDER_SECRET' ? 'MISSING_VAR' : a))]);
  assert.equal(noSecret.code, 2, noSecret.stderr);
  const secretFlag = await t.run(['pull', '--client-secret', 'abc']);
  assert.equal(secretFlag.code, 2);
  assert.doesNotMatch(secretFlag.stderr, /abc/);

  // Retry-After 0 keeps the client's five attempts quick; every one of them fails.
  t.standIn.state.faults.set({ failure: { count: 1000, status: 503, retryAfterSeconds: 0, methods: ['GET'] } });
  try {
    const failing = await t.run(['pull', ...t.signIn, '--out', 'failing']);
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /Nothing was written/);
    assert.ok(!existsSync(path.join(t.dir, 'failing')));
  } finally {
    t.standIn.state.faults.clear();
  }
});

test('--api-version beta pulls the legacy shape (accessPackageId), valid, and plan agrees', async () => {
  const pkg = [...t.standIn.state.packages.values()][0];
  // A beta policy made through the stand-in's own Graph, as another tool would.
  const { GraphClient } = await import('../../deploy/src/graph/index');
  const token = t.standIn.tokens.issue({
    tenantId: t.standIn.tenantId,
    clientId: t.standIn.clients[0].clientId,
    scopes: ['EntitlementManagement.ReadWrite.All'],
    subject: 'setup',
    appOnly: true,
  }).accessToken;
  const graph = new GraphClient({
    baseUrl: t.standIn.url,
    tokenProvider: {
      getToken: async () => ({ token, expiresOn: new Date(Date.now() + 3600_000), account: { tenantId: t.standIn.tenantId } }),
    },
  });
  await graph.request('POST', '/beta/identityGovernance/entitlementManagement/accessPackageAssignmentPolicies', {
    body: {
      accessPackageId: pkg.id,
      displayName: 'Legacy direct',
      description: 'beta shape',
      accessReviewSettings: null,
      requestorSettings: { scopeType: 'NoSubjects', acceptRequests: true, allowedRequestors: [] },
      requestApprovalSettings: {
        isApprovalRequired: false,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: false,
        approvalMode: 'NoApproval',
        approvalStages: [],
      },
    },
  });
  const pull = await t.run(['pull', ...t.signIn, '--api-version', 'beta', '--out', 'beta']);
  assert.equal(pull.code, 0, pull.stderr);
  const lines = pullLines(pull.stdout);
  assert.equal(lines.length, 1);
  const text = readFileSync(path.join(t.dir, lines[0][0]), 'utf8');
  const result = validatePolicy(text);
  assert.equal(result.apiVersion, 'beta');
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  assert.equal((result.parsed.value as { accessPackageId: string }).accessPackageId, pkg.id);
  assert.ok(!('accessPackage' in (result.parsed.value as object)));
  const plan = await t.run(['plan', ...t.signIn, 'beta']);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  assert.match(plan.stdout, /1 unchanged\./);
});
