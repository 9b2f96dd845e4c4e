// The editor command's contract that can be checked without a running VS Code: what the
// confirmation dialog says, and how the manifest offers (and withholds) the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { confirmationText, resultText } from '../../client/src/deploy/confirmation';
import { planDeploy } from '../../deploy/src/deploy/index';
import { harness, v1PolicyText, seedPolicy } from './helpers';
import { COMMANDS } from '../../common/src/commands';

test('the confirmation names tenant (name and id), cloud, API version, action, policy and resets', async () => {
  const h = await harness();
  try {
    const create = await planDeploy({ text: v1PolicyText(), label: 'p.accesspolicy.json' }, { graph: h.graph });
    const tenant = { id: h.standIn.tenantId, displayName: 'Contoso Test' };
    const c = confirmationText(create, tenant, 'US Government L4 (GCC High)');
    assert.equal(c.button, 'Create');
    assert.match(c.message, /Create access package assignment policy "Direct assignment" in Contoso Test \(/);
    assert.match(c.detail, new RegExp(`Tenant: Contoso Test \\(${h.standIn.tenantId}\\)`));
    assert.match(c.detail, /Cloud: US Government L4 \(GCC High\)/);
    assert.match(c.detail, /API version: v1\.0/);
    assert.match(c.detail, /Action: Create policy "Direct assignment"/);
    assert.match(c.detail, /id will be written into the file/);

    const id = await seedPolicy(h, 'Direct assignment');
    h.standIn.state.policies.get(id)!.body.reviewSettings = { isEnabled: true };
    const update = await planDeploy(
      { text: v1PolicyText({ description: 'new' }), label: 'p.accesspolicy.json' },
      { graph: h.graph, confirmAdopt: async () => true },
    );
    const u = confirmationText(update, { id: h.standIn.tenantId }, 'Global (including GCC)');
    assert.equal(u.button, 'Update');
    assert.match(u.detail, new RegExp(`Action: Update existing policy "Direct assignment" \\(${id}\\), adopted by its display name`));
    assert.match(u.detail, /Changes: description/);
    assert.match(u.detail, /Reset because the file leaves them out.*reviewSettings/);
    assert.match(
      resultText(update, { action: 'updated', policyId: id, notes: [] }, tenant),
      new RegExp(`Updated policy "Direct assignment" \\(${id}\\) in Contoso Test`),
    );
  } finally {
    await h.close();
  }
});

test('the manifest offers Deploy Policy only for *.accesspolicy.json in trusted workspaces', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === COMMANDS.deploy);
  assert.ok(cmd, `${COMMANDS.deploy} is contributed`);
  assert.equal(cmd.title, 'Deploy Policy');
  assert.equal(cmd.category, 'Access Policy');
  assert.equal(cmd.enablement, 'isWorkspaceTrusted');
  for (const menu of ['commandPalette', 'editor/title', 'explorer/context']) {
    const item = pkg.contributes.menus[menu]?.find((m: { command: string }) => m.command === COMMANDS.deploy);
    assert.ok(item, `in ${menu}`);
    assert.match(item.when, /isWorkspaceTrusted/);
    const regex = /resourceFilename =~ \/(.+)\/ /.exec(item.when)?.[1];
    assert.ok(regex, item.when);
    const re = new RegExp(regex);
    assert.ok(re.test('team.accesspolicy.json'));
    assert.ok(!re.test('accesspolicy.json.bak') && !re.test('package.json'));
  }
  const trust = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.ok(trust.description.length > 20);
  for (const key of trust.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[key], `${key} is a real setting`);
});

test('the extension bundle registers the deploy command', () => {
  const bundle = readFileSync('dist/extension.js', 'utf8');
  assert.match(bundle, /accessPolicy\.deploy/);
  assert.match(bundle, /accesspolicy-preview/);
});
