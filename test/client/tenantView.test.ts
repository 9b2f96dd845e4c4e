// The tenant view's model and the plan view's words, apart from VS Code: how a tenant policy stands
// against the workspace (equal exactly when plan says unchanged, so the service's spellings are no
// difference), which files are missing from the tenant (never because a list was not read), what
// each node shows and which menus it gets, what Pull pulls for a node, and the Apply modal's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { filesById, missingFiles, policyStanding, presentation, type WorkspaceFile } from '../../client/src/tenantView/tenantModel';
import { pullSelection, pullSummary } from '../../client/src/tenantView/pullText';
import { applyConfirmation, applySummary, entryTarget, planGroups } from '../../client/src/plan/planModel';
import { type TenantAccessPackage, type TenantPolicy, type FolderPlan, type PlanEntry } from '../../deploy/src';

const PKG = 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b';
const ID = '3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const fixture = readFileSync(path.join(__dirname, '..', 'fixtures', 'workspace', 'v1-direct-assignment.accesspolicy.json'), 'utf8');
const fileText = `// Catalog: General · Access package: Sales\n${fixture.replace('{\n', `{\n  "id": "${ID}",\n`)}`;
const value = JSON.parse(fixture) as Record<string, unknown> & { displayName: string };

/** The policy as Graph returns it: service-maintained fields, the package expanded, durations spelled its way. */
function tenantPolicy(overrides: Record<string, unknown> = {}): TenantPolicy {
  const raw = {
    ...value,
    id: ID,
    createdDateTime: '2024-01-01T00:00:00Z',
    modifiedDateTime: '2024-02-01T00:00:00Z',
    accessPackage: { id: PKG, displayName: 'Sales' },
    ...overrides,
  };
  return { id: ID, displayName: String(raw.displayName), accessPackageId: PKG, raw };
}

const file: WorkspaceFile = { file: '/ws/General/Sales/New Policy.accesspolicy.json', text: fileText, id: ID, apiVersion: 'v1.0' };
const pkg: TenantAccessPackage = { id: PKG, displayName: 'Sales', catalogId: 'cat' };

test('a policy is equal to its file when plan would say unchanged, differs (naming what) when not, and is not in the workspace without a file', () => {
  assert.deepEqual(policyStanding(tenantPolicy(), file, 'v1.0'), { status: 'equal', file: file.file, changes: [] });
  const changed = policyStanding(tenantPolicy({ description: 'edited in the portal' }), file, 'v1.0');
  assert.equal(changed.status, 'differs');
  assert.deepEqual(changed.changes, ['description']);
  assert.deepEqual(policyStanding(tenantPolicy(), undefined, 'v1.0'), { status: 'notInWorkspace', changes: [] });
  // A beta file with the same id is not compared with the v1.0 reading (that would be all differences).
  assert.equal(policyStanding(tenantPolicy(), { ...file, apiVersion: 'beta' }, 'v1.0').status, 'otherVersion');
});

test('the service spelling a duration its own way is no difference', () => {
  const withDuration = fileText
    .replace('"duration": null', '"duration": "P14D"')
    .replace('"type": "noExpiration"', '"type": "afterDuration"');
  const tenant = tenantPolicy({ expiration: { endDateTime: null, duration: 'PT336H', type: 'afterDuration' } });
  assert.equal(policyStanding(tenant, { ...file, text: withDuration }, 'v1.0').status, 'equal');
});

test('missing: a file whose id the read package lacks, or whose package the tenant lacks; never a package whose list was not read', () => {
  const other: WorkspaceFile = {
    file: '/ws/other.accesspolicy.json',
    text: fileText.replace(PKG, 'b0b0b0b0-0000-4000-8000-000000000000'),
    id: 'c0c0c0c0-0000-4000-8000-000000000000',
    apiVersion: 'v1.0',
  };
  const packages = new Map([[PKG, pkg]]);
  const gone = missingFiles([file], packages, new Map([[PKG, []]]));
  assert.equal(gone.length, 1);
  assert.match(gone[0].reason, /not in access package Sales/);
  assert.deepEqual(missingFiles([file], packages, new Map([[PKG, [tenantPolicy()]]])), [], 'in the tenant');
  assert.deepEqual(missingFiles([file], packages, new Map()), [], 'the package was not read: nothing can be said');
  const unknown = missingFiles([other], packages, new Map());
  assert.equal(unknown.length, 1);
  assert.match(unknown[0].reason, /access package b0b0b0b0-0000-4000-8000-000000000000 is not in the tenant/);
});

test('the first file (by path) naming an id holds it, as the folder index counts', () => {
  const copy = { ...file, file: '/ws/A copy.accesspolicy.json' };
  assert.equal(filesById([file, copy]).get(ID)?.file, '/ws/A copy.accesspolicy.json');
});

test('nodes say their status in words (not only by colour) and get the menus that fit', () => {
  const equal = presentation({
    kind: 'policy',
    policy: tenantPolicy(),
    standing: { status: 'equal', file: file.file, changes: [] },
    file: file.file,
  });
  assert.equal(equal.description, 'equal');
  assert.equal(equal.accessibilityLabel, 'Policy New Policy, equal');
  assert.match(equal.contextValue, /^policy inWorkspace$/);
  assert.deepEqual(equal.icon, { id: 'pass', color: 'testing.iconPassed' });
  const differs = presentation(
    { kind: 'policy', policy: tenantPolicy(), standing: { status: 'differs', file: file.file, changes: ['description'] }, file: file.file },
    () => 'General/Sales/New Policy.accesspolicy.json',
  );
  assert.equal(differs.description, 'differs');
  assert.match(differs.tooltip, /File: General\/Sales\/New Policy\.accesspolicy\.json\nDiffers in: description/);
  const absent = presentation({ kind: 'policy', policy: tenantPolicy(), standing: { status: 'notInWorkspace', changes: [] } });
  assert.equal(absent.description, 'not in the workspace');
  assert.equal(absent.contextValue, 'policy', 'no Compare or Deploy without a file');
  const missing = presentation({ kind: 'missing', file: file.file, id: ID, displayName: 'New Policy', reason: 'gone' });
  assert.equal(missing.description, 'missing from tenant');
  assert.match(missing.contextValue, /\binWorkspace\b/);
  assert.equal(
    presentation({ kind: 'catalog', catalog: { id: 'cat', displayName: 'General' }, packageCount: 1 }).description,
    '1 access package',
  );
});

test('Pull pulls by id: everything, a catalog, a package, or one policy of its package', () => {
  assert.deepEqual(pullSelection(undefined)?.options, {});
  assert.deepEqual(pullSelection({ kind: 'catalog', catalog: { id: 'cat', displayName: 'General' }, packageCount: 1 })?.options, {
    catalogs: ['cat'],
  });
  assert.deepEqual(pullSelection({ kind: 'package', pkg })?.options, { accessPackages: [PKG] });
  assert.deepEqual(pullSelection({ kind: 'policy', policy: tenantPolicy(), standing: { status: 'equal', changes: [] } })?.options, {
    accessPackages: [PKG],
    policyIds: [ID],
  });
  assert.equal(pullSelection({ kind: 'message', text: 'x' }), undefined);
  const text = pullSummary(
    [
      { file: 'a', action: 'created', id: '1' },
      { file: 'b', action: 'created', id: '2' },
      { file: 'c', action: 'unchanged', id: '3' },
      { file: 'd', action: 'gone', id: '4' },
    ],
    'Contoso (t)',
    'ws',
  );
  assert.equal(text, 'Pulled 3 policies from Contoso (t) into ws: 2 created, 1 unchanged, 1 gone from the tenant (files kept).');
});

function entry(action: PlanEntry['action'], extra: Partial<PlanEntry> = {}): PlanEntry {
  return {
    action,
    file: `/ws/${action}.accesspolicy.json`,
    id: ID,
    displayName: action,
    accessPackageId: PKG,
    reason: null,
    changes: [],
    apiVersion: 'v1.0',
    ...extra,
  };
}

test('the plan view groups entries refused and missing first, and a click leads to the diff, the file or the tenant', () => {
  const plan: FolderPlan = {
    tenant: 't',
    apiVersion: 'v1.0',
    scope: 'packages',
    entries: [
      entry('unchanged'),
      entry('update', { changes: [{ path: 'description', before: 'a', after: 'b' }], deploy: { proposedText: '{}' } as never }),
      entry('refused'),
      entry('unmanaged', { file: null }),
    ],
  };
  assert.deepEqual(
    planGroups(plan).map((g) => (g.kind === 'group' ? `${g.action} ${g.entries.length}` : g.kind)),
    ['refused 1', 'update 1', 'unmanaged 1', 'unchanged 1'],
  );
  assert.equal(entryTarget(plan.entries[1]), 'diff');
  assert.equal(entryTarget(plan.entries[0]), 'file');
  assert.equal(entryTarget(plan.entries[3]), 'tenant');
  assert.equal(entryTarget(entry('create', { deploy: { proposedText: '{}' } as never })), 'file', 'a create opens its file');
});

test('the Apply modal names the tenant and the counts; nothing to write asks nothing', () => {
  const plan: FolderPlan = {
    tenant: 't',
    apiVersion: 'v1.0',
    scope: 'packages',
    entries: [entry('create'), entry('update'), entry('update'), entry('unchanged'), entry('missing'), entry('unmanaged', { file: null })],
  };
  const c = applyConfirmation(plan, 'Contoso (t)', 'Global')!;
  assert.equal(c.message, 'Apply 3 changes to Contoso (t)?');
  assert.match(c.detail, /^Tenant: Contoso \(t\)\nCloud: Global\nCreate: 1, update: 2, adopt: 0/);
  assert.match(c.detail, /Skipped: 0 refused, 1 missing from the tenant/);
  assert.match(c.detail, /Unmanaged policies are kept \(1\)/);
  assert.equal(applyConfirmation({ ...plan, entries: [entry('unchanged'), entry('refused')] }, 'x', 'Global'), undefined);
  const summary = applySummary(
    [
      { entry: entry('update'), action: 'updated', id: ID },
      { entry: entry('unmanaged', { file: null }), action: 'skipped', id: ID },
      { entry: entry('create'), action: 'failed', id: null },
    ],
    'Contoso (t)',
  );
  assert.equal(summary, 'Applied the workspace to Contoso (t): 1 updated, 1 unmanaged kept, 1 failed.');
});
