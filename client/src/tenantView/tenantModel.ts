// The tenant view's model, free of VS Code so it is tested in Node: the nodes (tenant → catalogs →
// access packages → policies, and workspace files whose policy the tenant lacks), how each policy
// stands against the workspace, and what each node shows (label, description, icon, the context
// value the menus key on). Comparison is the plan's (compareWithTenant: canonical forms), so a
// policy the service merely spells differently is equal here exactly when `plan` says unchanged.
import { type ApiVersion, ParsedPolicy } from '../../../core/src';
import {
  accessPackageIdOf,
  displayNameOf,
  type PolicyValue,
  compareWithTenant,
  type TenantAccessPackage,
  type TenantCatalog,
  type TenantPolicy,
} from '../../../deploy/src';
import type { ItemPresentation } from '../treeItems';

/** A policy file of the workspace, as the view needs it. */
export interface WorkspaceFile {
  file: string;
  text: string;
  id?: string;
  /** The language server's verdict on the file's version; absent until asked. */
  apiVersion?: ApiVersion;
}

export type PolicyStatus = 'equal' | 'differs' | 'notInWorkspace' | 'otherVersion';

export interface PolicyStanding {
  status: PolicyStatus;
  /** The file that holds the policy's id. */
  file?: string;
  /** Properties that differ (status `differs`). */
  changes: string[];
}

export type TenantNode =
  | { kind: 'tenant'; id: string; displayName?: string }
  | { kind: 'catalog'; catalog: TenantCatalog; packageCount: number }
  | { kind: 'package'; pkg: TenantAccessPackage; catalog?: TenantCatalog }
  | { kind: 'policy'; policy: TenantPolicy; pkg?: TenantAccessPackage; catalog?: TenantCatalog; standing: PolicyStanding; file?: string }
  | { kind: 'missingGroup' }
  | MissingNode
  | { kind: 'message'; text: string; error?: boolean };

export interface MissingNode {
  kind: 'missing';
  file: string;
  id: string;
  displayName: string;
  accessPackageId?: string;
  reason: string;
}

/** How a tenant policy stands against the workspace file holding its id (if any). */
export function policyStanding(policy: TenantPolicy, file: WorkspaceFile | undefined, apiVersion: ApiVersion): PolicyStanding {
  if (!file) return { status: 'notInWorkspace', changes: [] };
  // A file of the other API version cannot be compared with this reading of the tenant.
  if (file.apiVersion && file.apiVersion !== apiVersion) return { status: 'otherVersion', file: file.file, changes: [] };
  const value = fileValueOf(file.text);
  if (!value) return { status: 'differs', file: file.file, changes: ['(the file is not a JSON object)'] };
  const { changes } = compareWithTenant(value, policy, apiVersion);
  return { status: changes.length ? 'differs' : 'equal', file: file.file, changes: changes.map((c) => c.path) };
}

export function fileValueOf(text: string): PolicyValue | undefined {
  const value = new ParsedPolicy(text).value;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as PolicyValue) : undefined;
}

/** The access package a file names (either version's spelling), lower case. */
export function packageOfFile(file: WorkspaceFile): string | undefined {
  const value = fileValueOf(file.text);
  if (!value) return undefined;
  return (
    accessPackageIdOf(value, file.apiVersion ?? 'v1.0') ?? accessPackageIdOf(value, file.apiVersion === 'beta' ? 'v1.0' : 'beta')
  )?.toLowerCase();
}

/** Lower-case id → the first file (in path order) naming it, as the folder index counts. */
export function filesById(files: WorkspaceFile[]): Map<string, WorkspaceFile> {
  const out = new Map<string, WorkspaceFile>();
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (f.id && !out.has(f.id.toLowerCase())) out.set(f.id.toLowerCase(), f);
  }
  return out;
}

/**
 * Workspace files with an id the tenant lacks. `policiesOf` holds the complete policy lists of the
 * packages that were read; a file naming a package that is not among them is only missing when the
 * package itself is not in the tenant (`packages`), never because its list was not read.
 */
export function missingFiles(
  files: WorkspaceFile[],
  packages: Map<string, TenantAccessPackage>,
  policiesOf: Map<string, TenantPolicy[]>,
): MissingNode[] {
  const out: MissingNode[] = [];
  for (const f of files) {
    if (!f.id) continue;
    const pkgId = packageOfFile(f);
    const displayName = displayNameOf(fileValueOf(f.text) ?? {}) ?? '';
    const base = { kind: 'missing' as const, file: f.file, id: f.id, displayName, accessPackageId: pkgId };
    if (!pkgId || !packages.has(pkgId)) {
      out.push({
        ...base,
        reason: pkgId ? `access package ${pkgId} is not in the tenant (or not readable)` : 'the file names no access package',
      });
      continue;
    }
    const list = policiesOf.get(pkgId);
    if (!list) continue;
    if (!list.some((p) => p.id.toLowerCase() === f.id!.toLowerCase())) {
      out.push({
        ...base,
        reason: `policy ${f.id} is not in access package ${packages.get(pkgId)!.displayName}: deleted, or the file is from another tenant`,
      });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function byName<T extends { displayName: string; id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

const STATUS_TEXT: Record<PolicyStatus, string> = {
  equal: 'equal',
  differs: 'differs',
  notInWorkspace: 'not in the workspace',
  otherVersion: 'in the workspace (other API version; use Plan)',
};

/** What a node shows; `collapsible` besides what every tree item has (client/src/treeItems.ts). */
export interface NodePresentation extends ItemPresentation {
  collapsible: boolean;
}

/** What a node shows. `relative` turns a file path into the workspace-relative one users know. */
export function presentation(node: TenantNode, relative: (file: string) => string = (f) => f): NodePresentation {
  switch (node.kind) {
    case 'tenant': {
      const label = node.displayName ?? node.id;
      return {
        id: `tenant:${node.id}`,
        label,
        description: node.displayName ? node.id : undefined,
        tooltip: `Tenant ${node.displayName ? `${node.displayName} (${node.id})` : node.id}`,
        contextValue: 'tenant',
        icon: { id: 'organization' },
        collapsible: true,
        accessibilityLabel: `Tenant ${label}`,
      };
    }
    case 'catalog': {
      const n = `${node.packageCount} access package${node.packageCount === 1 ? '' : 's'}`;
      return {
        id: `catalog:${node.catalog.id}`,
        label: node.catalog.displayName,
        description: n,
        tooltip: `Catalog ${node.catalog.displayName} (${node.catalog.id}): ${n}`,
        contextValue: 'catalog',
        icon: { id: 'library' },
        collapsible: true,
        accessibilityLabel: `Catalog ${node.catalog.displayName}, ${n}`,
      };
    }
    case 'package':
      return {
        id: `package:${node.pkg.id}`,
        label: node.pkg.displayName,
        tooltip: `Access package ${node.pkg.displayName} (${node.pkg.id})${node.catalog ? ` in catalog ${node.catalog.displayName}` : ''}`,
        contextValue: 'package',
        icon: { id: 'package' },
        collapsible: true,
        accessibilityLabel: `Access package ${node.pkg.displayName}`,
      };
    case 'policy': {
      const s = node.standing;
      const status = STATUS_TEXT[s.status];
      const where = s.file ? `\nFile: ${relative(s.file)}` : '';
      const changes = s.changes.length
        ? `\nDiffers in: ${s.changes.slice(0, 10).join(', ')}${s.changes.length > 10 ? `, … (${s.changes.length} in all)` : ''}`
        : '';
      const icon =
        s.status === 'equal'
          ? { id: 'pass', color: 'testing.iconPassed' }
          : s.status === 'differs'
            ? { id: 'diff', color: 'gitDecoration.modifiedResourceForeground' }
            : s.status === 'otherVersion'
              ? { id: 'question' }
              : { id: 'cloud' };
      const label = node.policy.displayName || node.policy.id;
      return {
        id: `policy:${node.policy.id}`,
        label,
        description: status,
        tooltip: `Policy ${label} (${node.policy.id}): ${status}${where}${changes}`,
        contextValue: `policy${s.file ? ' inWorkspace' : ''}${s.status === 'differs' ? ' differs' : ''}`,
        icon,
        collapsible: false,
        accessibilityLabel: `Policy ${label}, ${status}`,
      };
    }
    case 'missingGroup':
      return {
        id: 'missingGroup',
        label: 'Missing from tenant',
        tooltip: 'Workspace files whose policy id the tenant does not have',
        contextValue: 'missingGroup',
        icon: { id: 'warning', color: 'list.warningForeground' },
        collapsible: true,
        accessibilityLabel: 'Missing from tenant',
      };
    case 'missing': {
      const label = node.displayName || relative(node.file);
      return {
        id: `missing:${node.file}`,
        label,
        description: 'missing from tenant',
        tooltip: `${relative(node.file)}: ${node.reason}`,
        contextValue: 'missing inWorkspace',
        icon: { id: 'warning', color: 'list.warningForeground' },
        collapsible: false,
        accessibilityLabel: `Policy ${label}, missing from tenant`,
      };
    }
    case 'message':
      return {
        id: `message:${node.text}`,
        label: node.text,
        tooltip: node.text,
        contextValue: 'message',
        icon: { id: node.error ? 'error' : 'info', color: node.error ? 'errorForeground' : undefined },
        collapsible: false,
        accessibilityLabel: node.text,
      };
  }
}
