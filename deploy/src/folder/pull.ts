// `pull`: brings a tenant's policies into a folder, one file per policy at
// `<out>/<catalog>/<access package>/<policy>.accesspolicy.json`. Everything is read before anything
// is written, so a failed read writes nothing. A policy whose id some file of the folder already
// holds is updated in that file; a file whose policy is gone from the tenant is reported, never
// deleted. Writes are atomic and never leave the output folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import type { ApiVersion } from '../../../core/src';
import type { GraphClient } from '../graph/index';
import { writeFileAtomic, writeFileAtomicInNewFolder } from '../deploy/writeBack';
import { accessPackageIdOf, type PolicyValue } from '../deploy/policyBody';
import {
  packageIdOfPolicy,
  readAccessPackages,
  readCatalogs,
  readPolicies,
  type TenantAccessPackage,
  type TenantCatalog,
  type TenantPolicy,
} from '../tenant/tenantReader';
import { resolveSelection, type Selection } from '../tenant/selection';
import { indexFolder } from './folderIndex';
import { fileValue } from './policyShape';
import { newPolicyFileText, updatedPolicyFileText } from './policyFileText';
import { collisionKey, idSuffix, safeSegment, uniqueSegments } from './safeName';
import { POLICY_SUFFIX } from './findPolicyFiles';
import type { ActiveEnvironment } from '../environments/index';
import { errorMessage } from '../../../core/src';
import { DirectoryLookup } from '../directory/directoryLookup';
import { annotateKeptIds, portableBodies, type KeptId } from '../references/portable';
import { keepVariables } from '../references/keepVariables';
import { matchByName } from './matchByName';
import { PullStage, type StagedFile } from './pullStage';

/** Files written at once. */
const WRITERS = 16;

export type PullAction = 'created' | 'updated' | 'unchanged' | 'gone' | 'failed';

export interface PullEntry {
  file: string;
  action: PullAction;
  id: string;
  reason?: string;
}

export interface PullOptions extends Selection {
  graph: GraphClient;
  apiVersion: ApiVersion;
  outDir: string;
  /**
   * A folder with environments: which file holds which policy comes from the environment's ids,
   * the files get no "id", and the ids of the pulled policies are recorded in the ids file.
   */
  environment?: ActiveEnvironment;
  /** Only these policies (of the selected packages): the editor pulls a single policy. */
  policyIds?: string[];
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /**
   * Write references instead of ids where the name is unique in the tenant (docs/references.md),
   * and no policy id (it differs per tenant), so the folder deploys to another tenant unchanged.
   */
  portable?: boolean;
}

export interface PullResult {
  entries: PullEntry[];
  policies: number;
}

export async function pullTenant(options: PullOptions): Promise<PullResult> {
  const { graph, apiVersion, signal } = options;
  const outDir = path.resolve(options.outDir);
  const environment = options.environment;
  options.onProgress?.('reading catalogs and access packages…');
  // The folder is read while Graph answers the first request: the two are independent until files meet policies.
  const catalogsRead = readCatalogs(graph, apiVersion, signal);
  catalogsRead.catch(() => undefined); // awaited below; a failure must not count as unhandled meanwhile
  const indexing = indexFolder(outDir, environment);
  indexing.catch(() => undefined);
  const catalogs = await catalogsRead;
  const packages = await readAccessPackages(graph, apiVersion, signal);
  const selected = resolveSelection(options, catalogs, packages);
  const index = await indexing;
  const only = options.policyIds && new Set(options.policyIds.map((id) => id.toLowerCase()));
  const dirOf = packageFolders(catalogs, packages);
  const newText = (value: PolicyValue, accessPackageId: string, kept: KeptId[]): string => {
    const pkg = packages.get(accessPackageId);
    const labels = {
      catalog: catalogs.get(pkg?.catalogId ?? '')?.displayName ?? '(unknown catalog)',
      accessPackage: pkg?.displayName ?? accessPackageId,
    };
    return annotateKeptIds(newPolicyFileText(value, apiVersion, labels), kept);
  };
  const valueOf = (raw: PolicyValue): PolicyValue => {
    const value = fileValue(raw, apiVersion);
    // One file serves every environment: the id of this tenant's policy goes to the ids file.
    if (environment) delete value.id;
    return value;
  };

  // The files of new policies are written into a stage while later pages are still on their way
  // (pullStage.ts); they appear in the folder only once the whole list is read. Portable files
  // wait for the lookups that follow the read, so they are written the ordinary way.
  const stage = options.portable ? undefined : await PullStage.open(outDir);
  const staged = new Map<string, StagedFile>();
  // A file without an id may turn out to hold a policy (matched by package and name, which needs
  // the whole list): with such files in the folder nothing is staged.
  const idlessFiles = index.files.some((f) => !f.id);
  const keep = selected && new Set(selected.map((id) => id.toLowerCase()));
  const seen = new Set<string>();
  const onPage = stage
    ? (page: PolicyValue[]): void => {
        // The policies selectPolicies will keep (first of each id, of the wanted packages) that no file holds yet.
        for (const raw of page) {
          if (typeof raw.id !== 'string' || seen.has(raw.id.toLowerCase())) continue;
          const accessPackageId = packageIdOfPolicy(raw, apiVersion);
          if (keep && !keep.has(accessPackageId)) continue;
          const id = raw.id.toLowerCase();
          seen.add(id);
          if ((only && !only.has(id)) || index.byId.has(id) || idlessFiles) continue;
          try {
            staged.set(id, stage.add(dirOf(accessPackageId), newText(valueOf(raw), accessPackageId, [])));
          } catch {
            // Written the ordinary way after the read, which reports the failure for this policy.
          }
        }
        stage.flush();
      }
    : undefined;
  try {
    options.onProgress?.(
      `reading the policies of ${selected ? `${selected.length} access package${selected.length === 1 ? '' : 's'}` : 'every readable access package'}…`,
    );
    const read = await readPolicies(graph, { apiVersion, packageIds: selected, signal, onPage });
    const policies = only ? read.policies.filter((p) => only.has(p.id.toLowerCase())) : read.policies;
    const result = await writePolicies(policies, read.scope);
    if (staged.size === 0) await stage?.discard();
    return result;
  } catch (e) {
    // A failed read (or anything before the staged files were placed) leaves the folder as it was.
    await stage?.discard();
    throw e;
  }

  async function writePolicies(policies: TenantPolicy[], scope: Set<string> | 'all'): Promise<PullResult> {
    const layout = planLayout(policies, dirOf);
    const taken = new Set(index.files.map((f) => collisionKey(path.resolve(f.file))));
    const ordered = [...policies].sort((a, b) => cmp(layout.get(a.id)!, layout.get(b.id)!) || cmp(a.id, b.id));
    // Portable bodies are worked out for all policies at once (batched lookups), before any write.
    const portable = new Map<string, { value: PolicyValue; kept: KeptId[] }>();
    if (options.portable && ordered.length) {
      options.onProgress?.('looking up the names of users, groups and other objects the policies name…');
      const bodies = await portableBodies(
        ordered.map((p) => fileValue(p.raw, apiVersion)),
        apiVersion,
        new DirectoryLookup({ graph, apiVersion, signal }),
        graph,
      );
      ordered.forEach((p, i) => portable.set(p.id, bodies[i]));
    }
    // A file without an id (portable, or new to this environment) holds the policy of its package and name.
    const idless = index.files.filter((f) => !f.id);
    const byName = matchByName(
      idless,
      // Without such files no policy needs its keys (a file value is a walk of the whole policy).
      idless.length === 0
        ? []
        : ordered
            .filter((p) => !index.byId.has(p.id.toLowerCase()))
            .map((p) => ({
              id: p.id,
              values: [portable.get(p.id)?.value, fileValue(p.raw, apiVersion)].filter((v): v is PolicyValue => !!v),
            })),
      apiVersion,
    );
    // Paths are chosen in order first (collisions must not depend on timing), then written a few at
    // a time: file system round trips, not CPU, are what a pull of thousands waits on.
    const jobs = ordered.map((policy) => {
      const named = byName.get(policy.id);
      const existing = index.byId.get(policy.id.toLowerCase()) ?? named?.file;
      if (existing) return { policy, existing, file: existing.file, refused: named && 'refused' in named ? named.refused : undefined };
      const file = freePath(path.join(outDir, layout.get(policy.id)!), policy.id, taken);
      taken.add(collisionKey(file));
      return { policy, existing, file, refused: undefined };
    });
    const entries: PullEntry[] = new Array(jobs.length);
    // The staged files first: their folders appear whole where the output folder has none yet.
    const moves: { i: number; file: StagedFile; target: string }[] = [];
    jobs.forEach((j, i) => {
      const s = j.existing ? undefined : staged.get(j.policy.id.toLowerCase());
      if (s && !s.failed) moves.push({ i, file: s, target: j.file });
    });
    if (stage && staged.size) {
      await stage.drained();
      const placed = await stage.place(moves.filter((m) => !m.file.failed));
      for (const m of moves) {
        if (m.file.failed) continue;
        const reason = placed.outcome.get(m.target);
        const id = jobs[m.i].policy.id;
        entries[m.i] = reason === undefined ? { file: m.target, action: 'created', id } : { file: m.target, action: 'failed', id, reason };
      }
    }
    // Per folder: whether this pull made it (then its files are written without the checks an
    // existing folder needs: writeFileAtomicInNewFolder).
    const made = new Map<string, Promise<boolean>>();
    const ensureDir = (dir: string): Promise<boolean> => {
      let p = made.get(dir);
      if (!p) made.set(dir, (p = fs.mkdir(dir, { recursive: true }).then((first) => first !== undefined)));
      return p;
    };
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < jobs.length; i = next++) {
        if (entries[i]) continue;
        const { policy, existing, file, refused } = jobs[i];
        if (refused) {
          entries[i] = { file, action: 'failed', id: policy.id, reason: refused };
          continue;
        }
        try {
          let value = portable.get(policy.id)?.value ?? valueOf(policy.raw);
          if (portable.has(policy.id) && environment) delete value.id;
          if (existing) {
            // The file's `${var:…}` stay where the environment's value is the tenant's.
            if (environment) value = keepVariables(existing.text, value, fileValue(policy.raw, apiVersion), environment.values);
            const text = updatedPolicyFileText(existing.text, value, apiVersion);
            if (text === existing.text) {
              entries[i] = { file, action: 'unchanged', id: policy.id };
              continue;
            }
            await writeFileAtomic(file, text);
            entries[i] = { file, action: 'updated', id: policy.id };
            continue;
          }
          const newFolder = await ensureDir(path.dirname(file));
          await (newFolder ? writeFileAtomicInNewFolder : writeFileAtomic)(
            file,
            newText(value, policy.accessPackageId, portable.get(policy.id)?.kept ?? []),
          );
          entries[i] = { file, action: 'created', id: policy.id };
        } catch (e) {
          entries[i] = { file, action: 'failed', id: policy.id, reason: errorMessage(e) };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITERS, jobs.length) }, worker));
    if (environment) await recordPulledIds(environment, entries);

    // Files whose policy the tenant no longer has, among the packages that were read.
    const present = new Set(policies.map((p) => p.id.toLowerCase()));
    for (const f of index.files) {
      if (!f.id || present.has(f.id.toLowerCase()) || (only && !only.has(f.id.toLowerCase()))) continue;
      const pkgId = packageOfFileText(f.text);
      if (scope !== 'all' && !(pkgId && scope.has(pkgId))) continue;
      entries.push({ file: f.file, action: 'gone', id: f.id, reason: 'not in the tenant; the file was kept' });
    }
    return { entries, policies: policies.length };
  }
}

/** The ids of the policies written (or already in step), in one write of the ids file. */
async function recordPulledIds(environment: ActiveEnvironment, entries: PullEntry[]): Promise<void> {
  const known = entries.filter((e) => e.action !== 'failed' && environment.ids.idOf(e.file, environment.name) !== e.id.toLowerCase());
  if (known.length === 0) return;
  try {
    await environment.ids.setAll(known.map((e) => ({ file: e.file, env: environment.name, id: e.id.toLowerCase() })));
  } catch (e) {
    const reason = `the file was written, but its id could not be recorded in ${environment.ids.file}: ${e instanceof Error ? e.message : String(e)}`;
    for (const entry of known) Object.assign(entry, { action: 'failed', reason });
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The folder of each access package's files: `<catalog>/<access package>`, safe names, collisions suffixed. */
function packageFolders(
  catalogs: Map<string, TenantCatalog>,
  packages: Map<string, TenantAccessPackage>,
): (accessPackageId: string) => string {
  const catalogNames = uniqueSegments([...catalogs.values()].map((c) => ({ id: c.id.toLowerCase(), displayName: c.displayName })));
  const packagesByCatalog = new Map<string, TenantAccessPackage[]>();
  for (const p of packages.values()) packagesByCatalog.set(p.catalogId, [...(packagesByCatalog.get(p.catalogId) ?? []), p]);
  const packageNames = new Map<string, string>();
  for (const list of packagesByCatalog.values()) {
    for (const [id, seg] of uniqueSegments(list.map((p) => ({ id: p.id.toLowerCase(), displayName: p.displayName }))))
      packageNames.set(id, seg);
  }
  const folders = new Map<string, string>();
  return (pkgId) => {
    let folder = folders.get(pkgId);
    if (folder === undefined) {
      const pkg = packages.get(pkgId);
      const catSeg = pkg ? (catalogNames.get(pkg.catalogId) ?? '_unknown catalog') : '_unknown catalog';
      folders.set(pkgId, (folder = path.join(catSeg, packageNames.get(pkgId) ?? safeSegment(pkgId))));
    }
    return folder;
  };
}

/** Relative path for each policy: its package's folder, the policy's safe name, collisions suffixed. */
function planLayout(policies: TenantPolicy[], dirOf: (accessPackageId: string) => string): Map<string, string> {
  const byPackage = new Map<string, TenantPolicy[]>();
  for (const p of policies) {
    const list = byPackage.get(p.accessPackageId);
    if (list) list.push(p);
    else byPackage.set(p.accessPackageId, [p]);
  }
  const out = new Map<string, string>();
  for (const [pkgId, list] of byPackage) {
    const dir = dirOf(pkgId);
    for (const [id, seg] of uniqueSegments(list.map((p) => ({ id: p.id, displayName: p.displayName || 'policy' })))) {
      out.set(id, path.join(dir, `${seg}${POLICY_SUFFIX}`));
    }
  }
  return out;
}

/** The planned path, or with the id appended when another file already uses it. */
function freePath(planned: string, id: string, taken: Set<string>): string {
  if (!taken.has(collisionKey(planned))) return planned;
  const stem = planned.slice(0, -POLICY_SUFFIX.length);
  const short = `${stem} (${idSuffix(id)})${POLICY_SUFFIX}`;
  if (!taken.has(collisionKey(short))) return short;
  return `${stem} (${id.toLowerCase()})${POLICY_SUFFIX}`;
}

function packageOfFileText(text: string): string | undefined {
  const value = parse(text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true }) as PolicyValue | undefined;
  if (!value || typeof value !== 'object') return undefined;
  return (accessPackageIdOf(value, 'v1.0') ?? accessPackageIdOf(value, 'beta'))?.toLowerCase();
}
