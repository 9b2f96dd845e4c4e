// `pull` writes the files of new policies into a hidden stage while later list pages are still
// coming, and moves them into the folder only once the whole list is read. In-process against a
// seeded stand-in with small pages: a list that fails after some pages were staged leaves the
// folder as it was (and no folder at all when the pull would have made it); staged files land in
// folders that exist and in new ones alike; a stage a killed pull left is no policy source and is
// removed by the next pull.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { harness, type Harness } from '../deploy/helpers';
import { pullTenant } from '../../deploy/src/folder/pull';
import { GraphClient } from '../../deploy/src/graph/index';
import { findPolicyFiles } from '../../deploy/src/folder/findPolicyFiles';

let h: Harness;

before(async () => {
  h = await harness({ seedPolicies: 60, pageSize: 7 });
});
after(async () => h?.close());

function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** A client whose list of policies fails for good (400) at its third page, after two were answered. */
function failingAtThirdPolicyPage(): { graph: GraphClient; pages: () => number } {
  let pages = 0;
  const graph = new GraphClient({
    baseUrl: h.standIn.url,
    tokenProvider: h.tokens,
    fetch: async (input, init) => {
      if (/assignmentPolicies/.test(String(input)) && ++pages === 3) {
        return new Response(JSON.stringify({ error: { code: 'BadRequest', message: 'page lost' } }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        });
      }
      return fetch(input, init);
    },
  });
  return { graph, pages: () => pages };
}

test('a list that fails after pages were staged writes nothing: no folder where there was none, no stage left', async () => {
  const { graph, pages } = failingAtThirdPolicyPage();
  const out = path.join(h.dir, 'new', 'deeper');
  await assert.rejects(pullTenant({ graph, apiVersion: 'v1.0', outDir: out }), /page lost/);
  assert.equal(pages(), 3, 'two pages were answered (and staged) before the failure');
  assert.ok(!existsSync(path.join(h.dir, 'new')), 'the folders the pull made are gone again');
});

test('into a folder that exists, a failed list leaves exactly what was there', async () => {
  const out = path.join(h.dir, 'kept');
  mkdirSync(path.join(out, 'notes'), { recursive: true });
  writeFileSync(path.join(out, 'notes', 'readme.txt'), 'mine\n');
  const before = everything(out);
  const { graph } = failingAtThirdPolicyPage();
  await assert.rejects(pullTenant({ graph, apiVersion: 'v1.0', outDir: out }), /page lost/);
  assert.deepEqual(everything(out), before);
});

test('staged files land whole in new folders and beside files in folders that exist; the stage is gone after', async () => {
  const reference = path.join(h.dir, 'reference');
  const first = await pullTenant({ graph: h.graph, apiVersion: 'v1.0', outDir: reference });
  assert.ok(first.entries.length >= 60 && first.entries.every((e) => e.action === 'created'));
  const files = findPolicyFiles([reference]).files;
  assert.equal(files.length, first.entries.length);

  // The same tenant into a folder where one package folder exists already, holding a file of the
  // user's (not a policy) that must stay, and another package folder exists empty.
  const out = path.join(h.dir, 'mixed');
  const rel = files.map((f) => path.relative(reference, f));
  const packageDirs = [...new Set(rel.map((r) => path.dirname(r)))];
  assert.ok(packageDirs.length >= 3, 'the tenant has several package folders');
  const [catalog, pkg] = packageDirs[0].split(path.sep);
  mkdirSync(path.join(out, catalog, pkg), { recursive: true });
  writeFileSync(path.join(out, catalog, pkg, 'notes.md'), 'mine\n');
  mkdirSync(path.join(out, packageDirs[1]), { recursive: true });
  const second = await pullTenant({ graph: h.graph, apiVersion: 'v1.0', outDir: out });
  assert.ok(second.entries.every((e) => e.action === 'created'));
  assert.deepEqual(
    second.entries.map((e) => path.relative(out, e.file)),
    first.entries.map((e) => path.relative(reference, e.file)),
    'the same paths, in the same order',
  );
  for (const r of rel) assert.equal(readFileSync(path.join(out, r), 'utf8'), readFileSync(path.join(reference, r), 'utf8'), r);
  assert.equal(readFileSync(path.join(out, catalog, pkg, 'notes.md'), 'utf8'), 'mine\n');
  assert.deepEqual(
    readdirSync(out).filter((n) => n.startsWith('.')),
    [],
    'no stage left behind',
  );
});

test("a stage a killed pull left is no policy source; the next pull removes it once it is old, and leaves a live one's alone", async () => {
  const out = path.join(h.dir, 'killed');
  const stale = path.join(out, '.pull.accesspolicy.json.0123456789ab.tmp');
  const live = path.join(out, '.pull.accesspolicy.json.ba9876543210.tmp');
  for (const stage of [stale, live]) {
    mkdirSync(path.join(stage, 'Catalog', 'Package'), { recursive: true });
    writeFileSync(path.join(stage, 'Catalog', 'Package', 'Half.accesspolicy.json'), '{ "id": "00000000-0000-0000-0000-000000000001" }');
  }
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  utimesSync(stale, twoHoursAgo, twoHoursAgo);
  assert.deepEqual(findPolicyFiles([out]).empty, [out], 'the walk does not look into stages');
  const pulled = await pullTenant({ graph: h.graph, apiVersion: 'v1.0', outDir: out });
  assert.ok(
    pulled.entries.every((e) => e.action === 'created'),
    'no file of a stage is taken for a policy of the folder',
  );
  assert.ok(!existsSync(stale), 'the old stage is removed');
  assert.ok(existsSync(live), 'a stage that may belong to a pull still running is left alone');
});
