// `plan` over files and folders: what applying them would do to the tenant, with few reads — the
// access packages once, and the policies of the packages the files name (or of the whole tenant)
// as paged lists, never a GET per file. Per file: create, update (with property-level changes),
// unchanged, adopt (no id; one policy of that name in the package), missing (the file's id is not
// in the tenant) or refused (errors in the file, several name matches, unknown package, an id
// another file already claims). Per tenant policy no file describes, within the scope: unmanaged.
// Comparison is on canonicalPolicy (policyShape.ts), so the service's spellings are no changes.
// The verdict on each file comes from the caller (as planner.ts's planVerified takes it), so the
// editor can ask the language server and bundle no validator; planFolder.ts is the CLI's way in.
import { readFileSync } from 'node:fs';
import { type ApiVersion, ParsedPolicy, type PolicyDiagnostic, formatLocation, findReferenceStrings } from '../../../core/src';
import type { GraphClient } from '../graph/index';
import { policyCollectionPath, policyItemPath } from '../deploy/endpoints';
import { accessPackageIdOf, displayNameOf, isAutoAssignment, policyIdOf, requestBody, type PolicyValue } from '../deploy/policyBody';
import { alignForDisplay, diffPolicy, type PropertyChange } from '../deploy/compare';
import { unifiedDiff } from '../deploy/textDiff';
import type { DeployPlan, PolicyVerdict } from '../deploy/planner';
import {
  listPolicies,
  packageIdOfPolicy,
  PER_PACKAGE_LIMIT,
  readAccessPackages,
  readPolicies,
  selectPolicies,
  type TenantAccessPackage,
  type TenantPolicy,
} from '../tenant/tenantReader';
import { canonicalPolicy } from './policyShape';
import { IDS_FILE_NAME } from '../../../core/src';
import type { ActiveEnvironment } from '../environments/index';
import { resolveReferences } from '../references/resolveReferences';

export type PlanScope = 'files' | 'packages' | 'tenant';
export type PlanAction = 'create' | 'update' | 'unchanged' | 'adopt' | 'missing' | 'refused' | 'unmanaged';

export interface PlanChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface PlanEntry {
  action: PlanAction;
  file: string | null;
  id: string | null;
  displayName: string;
  accessPackageId: string | null;
  reason: string | null;
  changes: PlanChange[];
  apiVersion: ApiVersion;
  /** For create, update and adopt: what apply hands to the deploy core. */
  deploy?: DeployPlan;
  /** Unified diff of the tenant's policy against the file (both canonical), for changed entries. */
  diff?: string;
}

export interface FolderPlan {
  tenant: string;
  /** The environment planned for, in a folder with a configuration. */
  environment?: string;
  apiVersion: ApiVersion;
  scope: PlanScope;
  entries: PlanEntry[];
}

export interface PlanFolderOptions {
  graph: GraphClient;
  files: string[];
  scope: PlanScope;
  tenant: string;
  /** Scope `tenant` with no files of a version still needs one to read (default v1.0). */
  defaultApiVersion?: ApiVersion;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /**
   * The environment of a folder with a configuration: its values for `${var:…}` (the resolver),
   * and each file's id is the one its ids file records for this environment, never an `id` in the
   * policy file (a file holding one is refused). Absent when no environment is selected.
   */
  environment?: ActiveEnvironment;
}

/**
 * The validation core's verdict on a file's text (in-process or on worker threads for the CLI,
 * the language server's for the editor). `value`, when given, is the parsed document the verdict
 * was made on (`parsed.value`): a verdict from another thread carries it instead of the parse, and
 * the file is parsed here only if something needs positions (references, an apply's errors).
 */
export type FileVerdict = (
  text: string,
  defaultApiVersion: ApiVersion,
) => (PolicyVerdict & { value?: unknown }) | Promise<PolicyVerdict & { value?: unknown }>;

interface LocalFile {
  file: string;
  text: string;
  verdict?: PolicyVerdict;
  /** The file's parse, made on first use (a verdict from a worker thread comes without one). */
  parsed?: () => ParsedPolicy;
  value?: PolicyValue;
  apiVersion: ApiVersion;
  id?: string;
  accessPackageId?: string;
  displayName: string;
  refused?: string;
  /** The file holds references (`${kind:name}`): what it names is known once they are resolved. */
  references?: boolean;
  /** Its references were resolved (resolveLocals): value, package and name are the resolved ones. */
  resolvedReferences?: boolean;
  /** The canonical form of what an update would send (compareWithTenant), made as soon as the file is known. */
  proposed?: PolicyValue;
}

/** Tenant policies made canonical per turn of the event loop while files are still being checked. */
const CANONICAL_STEP = 25;

/** Plans the files with the caller's verdict on each; see planFolder.ts for the CLI's way in. */
export async function planFolderVerified(options: PlanFolderOptions & { verdict: FileVerdict }): Promise<FolderPlan> {
  const defaultVersion = options.defaultApiVersion ?? 'v1.0';
  const reads = new TenantReads(options);
  // Each file is checked as it is read, and tells the reads what it needs: the lists are read
  // from Graph while the rest of the files are still being checked.
  const locals = await Promise.all(
    options.files.map(async (f) => reads.learn(await readLocal(f, defaultVersion, options.verdict, options.environment))),
  );
  await resolveLocals(locals, options);
  // A file with references names its package only once they are resolved.
  for (const l of locals) if (l.resolvedReferences) reads.learn(l);
  const versions = new Set<ApiVersion>(locals.filter((l) => !l.refused).map((l) => l.apiVersion));
  if (options.scope === 'tenant' && versions.size === 0) versions.add(defaultVersion);
  const entries: PlanEntry[] = [];
  for (const l of locals.filter((x) => x.refused)) entries.push(refusedEntry(l, l.refused!));

  const environment = options.environment;
  for (const apiVersion of [...versions].sort()) {
    const mine = locals.filter((l) => !l.refused && l.apiVersion === apiVersion);
    const { packages, policies } = await reads.of(apiVersion, mine);
    entries.push(...matchVersion(mine, policies, packages, apiVersion, options.scope, environment));
  }
  return {
    tenant: options.tenant,
    environment: environment?.name,
    apiVersion: versions.size === 1 ? [...versions][0] : defaultVersion,
    scope: options.scope,
    entries,
  };
}

interface VersionReads {
  packages: Promise<Map<string, TenantAccessPackage>>;
  /** The packages, once read. */
  read?: Map<string, TenantAccessPackage>;
  /** Access packages the files of this version name (lowercase), and how many the tenant has. */
  named: Set<string>;
  known: number;
  /** The tenant-wide list, started as soon as it is certain to be the one read. */
  tenantWide?: Promise<PolicyValue[]>;
}

/**
 * The Graph reads of a plan: per API version the access packages, then the policies (tenant-wide,
 * or per package when the files name only a few). The same requests as reading after checking every
 * file, started as soon as the files checked so far show they are needed: the access packages at
 * a version's first file, then the tenant-wide list at scope `tenant`, or once the files name
 * more of the tenant's packages than are read one by one (a count that only grows).
 */
class TenantReads {
  private readonly versions = new Map<ApiVersion, VersionReads>();
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PlanFolderOptions) {}

  learn(l: LocalFile): LocalFile {
    if (l.refused || (l.references && !l.resolvedReferences)) return l;
    const v = this.version(l.apiVersion);
    const pkg = l.accessPackageId!.toLowerCase();
    if (!v.named.has(pkg)) {
      v.named.add(pkg);
      if (v.read?.has(pkg)) v.known++;
      this.startTenantWide(l.apiVersion, v);
    }
    return l;
  }

  async of(apiVersion: ApiVersion, mine: LocalFile[]): Promise<{ packages: Map<string, TenantAccessPackage>; policies: TenantPolicy[] }> {
    const { graph, scope, signal } = this.options;
    const v = this.version(apiVersion);
    const packages = await v.packages;
    const named = [...new Set(mine.map((l) => l.accessPackageId!.toLowerCase()))].filter((id) => packages.has(id));
    if (scope !== 'tenant' && named.length === 0) return { packages, policies: [] };
    const packageIds = scope === 'tenant' ? undefined : named;
    if (v.tenantWide) return { packages, policies: selectPolicies(await v.tenantWide, apiVersion, packageIds).policies };
    const progress = `reading ${apiVersion} policies of ${named.length} access package${named.length === 1 ? '' : 's'}…`;
    return { packages, policies: (await this.serial(progress, () => readPolicies(graph, { apiVersion, packageIds, signal }))).policies };
  }

  private version(apiVersion: ApiVersion): VersionReads {
    let v = this.versions.get(apiVersion);
    if (!v) {
      const packages = this.serial(`reading ${apiVersion} access packages…`, () =>
        readAccessPackages(this.options.graph, apiVersion, this.options.signal),
      );
      const reads: VersionReads = { packages, named: new Set(), known: 0 };
      v = reads;
      this.versions.set(apiVersion, reads);
      // A failed read is reported where it is awaited (of), in version order.
      packages.then(
        (read) => {
          reads.read = read;
          for (const id of reads.named) if (read.has(id)) reads.known++;
          this.startTenantWide(apiVersion, reads);
        },
        () => undefined,
      );
    }
    return v;
  }

  private startTenantWide(apiVersion: ApiVersion, v: VersionReads): void {
    if (v.tenantWide) return;
    const { graph, scope, signal } = this.options;
    if (!v.read || (scope !== 'tenant' && v.known <= PER_PACKAGE_LIMIT)) return;
    const progress = `reading ${apiVersion} policies of the tenant${scope === 'tenant' ? '' : ` (the files name more than ${PER_PACKAGE_LIMIT} of its access packages)`}…`;
    // The canonical forms of the policies of packages the files name, page by page while the rest
    // is read and the files are still being checked: a few at a time, so the checks (and worker
    // replies) keep their turns. Against Graph most of a plan is waiting for pages; what is made
    // then is not left for the comparison after the last one.
    let queued: PolicyValue[] = [];
    let stepping = false;
    const step = (): void => {
      for (const p of queued.splice(0, CANONICAL_STEP)) if (v.named.has(packageIdOfPolicy(p, apiVersion))) tenantCanonical(p, apiVersion);
      if (queued.length) setImmediate(step);
      else stepping = false;
    };
    const onPage = (page: PolicyValue[]): void => {
      queued = queued.concat(page);
      if (!stepping) {
        stepping = true;
        setImmediate(step);
      }
    };
    v.tenantWide = this.serial(progress, () => listPolicies(graph, { apiVersion, signal, onPage }));
  }

  /**
   * Reads run one after another, in the order they are asked for, as when they followed the
   * checks (and the first signs in: concurrent first requests would each fetch a token). After
   * a failed read none is started; each awaiting caller gets the failure.
   */
  private serial<T>(progress: string, read: () => Promise<T>): Promise<T> {
    // Said when the read starts, not when it is queued behind another.
    const p = this.last.then(() => {
      this.options.onProgress?.(progress);
      return read();
    });
    this.last = p;
    // Awaited later (of); until then a failure must not count as unhandled.
    p.catch(() => undefined);
    return p;
  }
}

async function readLocal(
  file: string,
  defaultApiVersion: ApiVersion,
  verdictOf: FileVerdict,
  environment: ActiveEnvironment | undefined,
): Promise<LocalFile> {
  let text: string;
  try {
    // Synchronously: fs.promises costs several times the read itself per small file (see folderIndex.ts).
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return {
      file,
      text: '',
      apiVersion: defaultApiVersion,
      displayName: '',
      refused: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
  const verdict = await verdictOf(text, defaultApiVersion);
  let parsed = verdict.parsed;
  const parse = (): ParsedPolicy => (parsed ??= new ParsedPolicy(text));
  const value = ((verdict.parsed ? verdict.parsed.value : 'value' in verdict ? verdict.value : parse().value) ?? {}) as PolicyValue;
  const local: LocalFile = {
    file,
    text,
    verdict,
    parsed: parse,
    value,
    apiVersion: verdict.apiVersion,
    id: typeof value === 'object' && value ? policyIdOf(value) : undefined,
    accessPackageId: typeof value === 'object' && value ? accessPackageIdOf(value, verdict.apiVersion) : undefined,
    displayName: (typeof value === 'object' && value ? displayNameOf(value) : undefined) ?? '',
  };
  const errors = verdict.diagnostics.filter((d) => d.severity === 'error');
  if (environment) {
    // One file, many tenants: the id of each tenant's policy is in the ids file.
    const own = local.id;
    local.id = environment.ids.idOf(file, environment.name);
    if (own) {
      local.refused = `the file names "id": "${own}", but in a folder with environments (${environment.configFile}) each environment's id is kept in ${IDS_FILE_NAME}: remove "id" from the file${local.id ? '' : ` and record it there as "${environment.ids.keyOf(file)}": { "${environment.name}": "${own}" } if it is this environment's policy`}`;
      return local;
    }
  }
  if (errors.length) {
    local.refused = `${errors.length} error${errors.length === 1 ? '' : 's'} in the file (${describeDiagnostics(errors)})`;
  } else if (!local.accessPackageId) local.refused = 'the file names no access package';
  else local.references = findReferenceStrings(text, value).length > 0; // as holdsReferences, without a parse
  // Made now, while other files are still being checked (on other threads) and the lists read,
  // rather than in the comparison that has to wait for all of them.
  if (!local.refused && !local.references) local.proposed = proposedCanonical(value, local.apiVersion);
  return local;
}

/**
 * Replaces the references of every file that has some with the tenant's ids, in one batch of
 * lookups for the whole folder; a file with an unresolved reference is refused (nothing is sent).
 */
async function resolveLocals(locals: LocalFile[], options: PlanFolderOptions): Promise<void> {
  const withRefs = locals.filter((l) => !l.refused && l.references);
  if (withRefs.length === 0) return;
  options.onProgress?.(`resolving the references of ${withRefs.length} file${withRefs.length === 1 ? '' : 's'}…`);
  const resolved = await resolveReferences(
    withRefs.map((l) => ({ parsed: l.parsed!(), apiVersion: l.apiVersion })),
    {
      graph: options.graph,
      environment: options.environment,
      tenant: options.tenant,
      signal: options.signal,
    },
  );
  withRefs.forEach((l, i) => {
    const errors = resolved[i].diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      l.refused = `${errors.length} reference${errors.length === 1 ? '' : 's'} not resolved in ${options.tenant} (${describeDiagnostics(errors)})`;
      return;
    }
    l.value = resolved[i].value as PolicyValue;
    l.accessPackageId = accessPackageIdOf(l.value, l.apiVersion);
    l.displayName = displayNameOf(l.value) ?? '';
    l.resolvedReferences = true;
    l.proposed = proposedCanonical(l.value, l.apiVersion);
  });
}

function describeDiagnostics(errors: readonly Pick<PolicyDiagnostic, 'range' | 'code' | 'message'>[]): string {
  return `${errors
    .slice(0, 3)
    .map((d) => `${formatLocation(d.range)} ${d.code} ${d.message}`)
    .join('; ')}${errors.length > 3 ? '; …' : ''}`;
}

function refusedEntry(l: LocalFile, reason: string): PlanEntry {
  return {
    action: 'refused',
    file: l.file,
    id: l.id ?? null,
    displayName: l.displayName,
    accessPackageId: l.accessPackageId ?? null,
    reason,
    changes: [],
    apiVersion: l.apiVersion,
  };
}

function matchVersion(
  locals: LocalFile[],
  policies: TenantPolicy[],
  packages: Map<string, TenantAccessPackage>,
  apiVersion: ApiVersion,
  scope: PlanScope,
  environment: ActiveEnvironment | undefined,
): PlanEntry[] {
  // Where a file's id is kept, for the reasons given.
  const idHome = environment ? `its id for environment "${environment.name}" in ${IDS_FILE_NAME}` : 'its "id"';
  const entries: PlanEntry[] = [];
  const byId = new Map(policies.map((p) => [p.id.toLowerCase(), p]));
  const claimed = new Set<string>();
  const idOwners = new Map<string, string>();
  // Files with an id claim their policy first, so a name match never steals one of them.
  for (const l of locals) if (l.id && !idOwners.has(l.id.toLowerCase())) idOwners.set(l.id.toLowerCase(), l.file);
  for (const id of idOwners.keys()) if (byId.has(id)) claimed.add(id);
  const creates = new Map<string, string>();

  for (const l of locals) {
    const pkgId = l.accessPackageId!.toLowerCase();
    if (l.id) {
      const key = l.id.toLowerCase();
      if (idOwners.get(key) !== l.file) {
        entries.push(refusedEntry(l, `${idOwners.get(key)} already names policy ${l.id}; one policy, one file`));
        continue;
      }
      const current = byId.get(key);
      if (!current) {
        const fix = environment
          ? `Remove ${idHome} to create it again, or delete the file.`
          : 'Remove "id" to create it again, or delete the file.';
        entries.push({
          ...refusedEntry(
            l,
            `policy ${l.id} is not in the tenant${packages.has(pkgId) ? ` (access package ${pkgId})` : ''}: it was deleted, or the ${environment ? 'id' : 'file'} is from another tenant. ${fix}`,
          ),
          action: 'missing',
        });
        continue;
      }
      if (current.accessPackageId !== pkgId) {
        entries.push(
          refusedEntry(
            l,
            `policy ${l.id} belongs to access package ${current.accessPackageId}, but the file names ${pkgId}; a policy cannot move between packages`,
          ),
        );
        continue;
      }
      entries.push(compareEntry(l, current, apiVersion, false, idHome));
      continue;
    }
    if (!packages.has(pkgId)) {
      entries.push(refusedEntry(l, `access package ${pkgId} is not in the tenant (or not readable)`));
      continue;
    }
    const wanted = l.displayName.trim().toLowerCase();
    const matches = policies.filter(
      (p) => p.accessPackageId === pkgId && p.displayName.trim().toLowerCase() === wanted && !claimed.has(p.id.toLowerCase()),
    );
    if (matches.length > 1) {
      entries.push(
        refusedEntry(
          l,
          `${matches.length} policies of access package ${pkgId} are named "${l.displayName}" (${matches.map((m) => m.id).join(', ')}); put the right id into the file`,
        ),
      );
      continue;
    }
    if (matches.length === 1) {
      claimed.add(matches[0].id.toLowerCase());
      entries.push(compareEntry(l, matches[0], apiVersion, true, idHome));
      continue;
    }
    const createKey = `${pkgId}\u0000${wanted}`;
    if (creates.has(createKey)) {
      entries.push(refusedEntry(l, `${creates.get(createKey)} creates a policy of the same name in the same access package`));
      continue;
    }
    creates.set(createKey, l.file);
    entries.push(createEntry(l, apiVersion));
  }

  if (scope !== 'files') {
    for (const p of policies) {
      if (claimed.has(p.id.toLowerCase())) continue;
      entries.push({
        action: 'unmanaged',
        file: null,
        id: p.id,
        displayName: p.displayName,
        accessPackageId: p.accessPackageId,
        reason: 'no file describes this policy',
        changes: [],
        apiVersion,
      });
    }
  }
  return entries;
}

function pretty(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

function createEntry(l: LocalFile, apiVersion: ApiVersion): PlanEntry {
  const body = requestBody(l.value!, apiVersion, 'create');
  const proposedText = pretty(body);
  const diffText = unifiedDiff('', proposedText, { before: '/dev/null', after: `${l.file} (to create)` });
  return {
    action: 'create',
    file: l.file,
    id: null,
    displayName: l.displayName,
    accessPackageId: l.accessPackageId!,
    reason: null,
    changes: [],
    apiVersion,
    diff: diffText,
    deploy: deployPlan(l, apiVersion, {
      action: 'create',
      method: 'POST',
      path: policyCollectionPath(apiVersion),
      body,
      needsIdWriteBack: true,
      currentText: '',
      proposedText,
      diffText,
    }),
  };
}

/**
 * A file's policy against the tenant's, both canonical: what an update would send and the
 * property-level changes (none: the tenant already says the same). The tenant view uses it too.
 */
export function compareWithTenant(
  value: PolicyValue,
  current: TenantPolicy,
  apiVersion: ApiVersion,
  /** proposedCanonical(value, apiVersion), when already made. */
  known?: PolicyValue,
): { body: PolicyValue; proposed: PolicyValue; tenant: PolicyValue; changes: PropertyChange[] } {
  const body = requestBody(value, apiVersion, 'update', current.id);
  const proposed = known ?? canonicalPolicy(body, apiVersion);
  const tenant = tenantCanonical(current.raw, apiVersion);
  return { body, proposed, tenant, changes: diffPolicy(proposed, tenant) };
}

/** The canonical form of an update's body: the same whatever the policy's id (canonicalPolicy leaves the id out). */
function proposedCanonical(value: PolicyValue, apiVersion: ApiVersion): PolicyValue {
  return canonicalPolicy(requestBody(value, apiVersion, 'update'), apiVersion);
}

/** Canonical forms of the tenant's policies as listed, each made once (TenantReads makes them early). */
const tenantCanonicals = new WeakMap<PolicyValue, PolicyValue>();
function tenantCanonical(raw: PolicyValue, apiVersion: ApiVersion): PolicyValue {
  let c = tenantCanonicals.get(raw);
  if (!c) tenantCanonicals.set(raw, (c = canonicalPolicy(raw, apiVersion)));
  return c;
}

function compareEntry(l: LocalFile, current: TenantPolicy, apiVersion: ApiVersion, adopt: boolean, idHome: string): PlanEntry {
  const { body, proposed, tenant, changes: propertyChanges } = compareWithTenant(l.value!, current, apiVersion, l.proposed);
  const changes = propertyChanges.map((c) => ({ path: c.path, before: c.before ?? null, after: c.after ?? null }));
  // The texts only matter when something differs; 2,000 unchanged files need none of them.
  const currentText = changes.length ? pretty(alignForDisplay(tenant, proposed)) : '';
  const proposedText = changes.length ? pretty(proposed) : '';
  const diffText = changes.length ? unifiedDiff(currentText, proposedText, { before: `tenant policy ${current.id}`, after: l.file }) : '';
  const action: PlanAction = adopt ? 'adopt' : changes.length ? 'update' : 'unchanged';
  return {
    action,
    file: l.file,
    id: current.id,
    displayName: l.displayName,
    accessPackageId: l.accessPackageId!,
    reason: adopt
      ? `no id in the file; the package's one policy named "${l.displayName}" is adopted and ${idHome === 'its "id"' ? 'its id written into the file' : `recorded as ${idHome}`}`
      : null,
    changes,
    apiVersion,
    diff: diffText || undefined,
    deploy: deployPlan(l, apiVersion, {
      action: changes.length ? 'update' : 'unchanged',
      method: changes.length ? 'PUT' : undefined,
      path: policyItemPath(apiVersion, current.id),
      policyId: current.id,
      adopted: adopt ? { id: current.id, displayName: current.displayName } : undefined,
      body,
      needsIdWriteBack: adopt,
      current: tenant,
      changes: propertyChanges,
      currentText,
      proposedText,
      diffText,
    }),
  };
}

function deployPlan(
  l: LocalFile,
  apiVersion: ApiVersion,
  p: Pick<DeployPlan, 'action' | 'path' | 'body' | 'needsIdWriteBack' | 'currentText' | 'proposedText' | 'diffText'> & Partial<DeployPlan>,
): DeployPlan {
  const plan: Omit<DeployPlan, 'parsed'> = {
    label: l.file,
    sourceText: l.text,
    apiVersion,
    displayName: l.displayName,
    accessPackageId: l.accessPackageId!,
    autoAssignment: isAutoAssignment(l.value!),
    changes: [],
    resets: (p.changes ?? []).filter((c) => c.kind === 'reset').map((c) => c.path),
    warnings: l.verdict!.diagnostics.filter((d) => d.severity !== 'error'),
    ...p,
  };
  // The parse (for positions in an apply's errors) is made when an apply asks for it: a plan of
  // 2,000 unchanged files reads none of them.
  return Object.defineProperty(plan, 'parsed', { get: l.parsed!, enumerable: true }) as DeployPlan;
}

/** terraform plan -detailed-exitcode: 0 nothing to do, 2 changes pending, 1 refusals. */
export function planExitCode(plan: FolderPlan): 0 | 1 | 2 {
  if (plan.entries.some((e) => e.action === 'refused')) return 1;
  return plan.entries.some((e) => e.action !== 'unchanged') ? 2 : 0;
}
