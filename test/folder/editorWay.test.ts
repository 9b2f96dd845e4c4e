// The folder core as the editor drives it, in-process against a seeded stand-in: *Pull into
// Workspace* on one policy writes that policy's file only; the plan takes each file's verdict from
// the caller (the language server, for the editor) and refuses a file the verdict finds errors in,
// whatever the validator in this process would say.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { harness, type Harness } from '../deploy/helpers';
import { pullTenant } from '../../deploy/src/folder/pull';
import { planFolderVerified } from '../../deploy/src/folder/folderPlan';
import { validatePolicy } from '../../core/src';
import { readPolicies } from '../../deploy/src/tenant/tenantReader';

let h: Harness;

before(async () => {
  h = await harness({ seedPolicies: 24, pageSize: 5 });
});
after(async () => h?.close());

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.accesspolicy.json'))
    .map((f) => path.join(dir, f))
    .sort();
}

test('a pull of one policy writes exactly its file; a pull of its package then adds the rest and leaves it unchanged', async () => {
  const { policies } = await readPolicies(h.graph, { apiVersion: 'v1.0' });
  const one = policies[0];
  const siblings = policies.filter((p) => p.accessPackageId === one.accessPackageId);
  assert.ok(siblings.length > 1, 'the package has several policies');
  const out = path.join(h.dir, 'one');
  const first = await pullTenant({
    graph: h.graph,
    apiVersion: 'v1.0',
    outDir: out,
    accessPackages: [one.accessPackageId],
    policyIds: [one.id],
  });
  assert.deepEqual(
    first.entries.map((e) => [e.action, e.id]),
    [['created', one.id]],
  );
  assert.equal(files(out).length, 1);
  const whole = await pullTenant({ graph: h.graph, apiVersion: 'v1.0', outDir: out, accessPackages: [one.accessPackageId] });
  assert.equal(whole.entries.find((e) => e.id === one.id)?.action, 'unchanged');
  assert.equal(files(out).length, siblings.length);
});

test('the plan asks the caller for each verdict and acts on it', async () => {
  const out = path.join(h.dir, 'plan');
  await pullTenant({ graph: h.graph, apiVersion: 'v1.0', outDir: out });
  const all = files(out);
  const asked: string[] = [];
  const refuse = all[0];
  const refusedText = readFileSync(refuse, 'utf8');
  const plan = await planFolderVerified({
    graph: h.graph,
    files: all,
    scope: 'packages',
    tenant: h.standIn.tenantId,
    // An asynchronous verdict (as over LSP) that finds an error in one file the core finds valid.
    verdict: async (text, defaultApiVersion) => {
      asked.push(text);
      const v = validatePolicy(text, { defaultApiVersion });
      if (text !== refusedText) return v;
      return {
        apiVersion: v.apiVersion,
        diagnostics: [
          {
            code: 'AP1003',
            severity: 'error',
            message: 'from the server',
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } },
            offset: 0,
            length: 1,
            path: [],
          },
        ],
      };
    },
  });
  assert.equal(asked.length, all.length, 'one verdict per file');
  const refused = plan.entries.filter((e) => e.action === 'refused');
  assert.deepEqual(
    refused.map((e) => e.file),
    [refuse],
  );
  assert.match(refused[0].reason ?? '', /AP1003 from the server/);
  assert.ok(
    plan.entries.filter((e) => e.file && e.file !== refuse).every((e) => e.action === 'unchanged'),
    'right after pull the rest is unchanged',
  );
});
