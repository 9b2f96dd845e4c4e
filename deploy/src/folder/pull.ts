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
  options.onProgress?.('reading catalogs and access packages…');
  const catalogs = await readCatalogs(graph, apiVersion, signal);
  const packages = await readAccessPackages(graph, apiVersion, signal);
  const selected = resolveSelection(options, catalogs, packages);
  options.onProgress?.(
    `reading the policies of ${selected ? `${selected.length} access package${selected.length === 1 ? '' : 's'}` : 'every readable access package'}…`,
  );
  const read = await readPolicies(graph, { apiVersion, packageIds: selected, signal });
  const only = options.policyIds && new Set(options.policyIds.map((id) => id.toLowerCase()));
  const policies = only ? read.policies.filter((p) => only.has(p.id.toLowerCase())) : read.policies;
  const scope = read.scope;
  const index = await indexFolder(outDir, options.environment);
  const environment = options.environment;

  const layout = planLayout(policies, catalogs, packages);
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
  const byName = matchByName(
    index.files.filter((f) => !f.id),
    ordered
      .filter((p) => !index.byId.has(p.id.toLowerCase()))
      .map((p) => ({ id: p.id, values: [portable.get(p.id)?.value, fileValue(p.raw, apiVersion)].filter((v): v is PolicyValue => !!v) })),
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
  // Per folder: whether this pull made it (then its files are written without the checks an
  // existing folder needs: writeFileAtomicInNewFolder).
  const made = new Map<string, Promise<boolean>>();
  const ensureDir = (dir: string): Promise<boolean> => {
    let p = made.get(dir);
    if (!p) made.set(dir, (p = fs.mkdir(dir, { recursive: true }).then((first) => first !== undefined)));
    return p;
  };
  const entries: PullEntry[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) {
      const { policy, existing, file, refused } = jobs[i];
      if (refused) {
        entries[i] = { file, action: 'failed', id: policy.id, reason: refused };
        continue;
      }
      try {
        let value = portable.get(policy.id)?.value ?? fileValue(policy.raw, apiVersion);
        // One file serves every environment: the id of this tenant's policy goes to the ids file.
        if (environment) delete value.id;
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
        const pkg = packages.get(policy.accessPackageId);
        const labels = {
          catalog: catalogs.get(pkg?.catalogId ?? '')?.displayName ?? '(unknown catalog)',
          accessPackage: pkg?.displayName ?? policy.accessPackageId,
        };
        const newFolder = await ensureDir(path.dirname(file));
        await (newFolder ? writeFileAtomicInNewFolder : writeFileAtomic)(
          file,
          annotateKeptIds(newPolicyFileText(value, apiVersion, labels), portable.get(policy.id)?.kept ?? []),
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

/** Relative path for each policy: safe catalog / package / policy names, collisions suffixed. */
function planLayout(
  policies: TenantPolicy[],
  catalogs: Map<string, TenantCatalog>,
  packages: Map<string, TenantAccessPackage>,
): Map<string, string> {
  const catalogNames = uniqueSegments([...catalogs.values()].map((c) => ({ id: c.id.toLowerCase(), displayName: c.displayName })));
  const packagesByCatalog = new Map<string, TenantAccessPackage[]>();
  for (const p of packages.values()) packagesByCatalog.set(p.catalogId, [...(packagesByCatalog.get(p.catalogId) ?? []), p]);
  const packageNames = new Map<string, string>();
  for (const list of packagesByCatalog.values()) {
    for (const [id, seg] of uniqueSegments(list.map((p) => ({ id: p.id.toLowerCase(), displayName: p.displayName }))))
      packageNames.set(id, seg);
  }
  const byPackage = new Map<string, TenantPolicy[]>();
  for (const p of policies) byPackage.set(p.accessPackageId, [...(byPackage.get(p.accessPackageId) ?? []), p]);
  const out = new Map<string, string>();
  for (const [pkgId, list] of byPackage) {
    const pkg = packages.get(pkgId);
    const catSeg = pkg ? (catalogNames.get(pkg.catalogId) ?? '_unknown catalog') : '_unknown catalog';
    const pkgSeg = packageNames.get(pkgId) ?? safeSegment(pkgId);
    for (const [id, seg] of uniqueSegments(list.map((p) => ({ id: p.id, displayName: p.displayName || 'policy' })))) {
      out.set(id, path.join(catSeg, pkgSeg, `${seg}${POLICY_SUFFIX}`));
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
