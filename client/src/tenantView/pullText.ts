// What *Pull into Workspace* pulls for a node of the tenant view, and the words of its result.
// Free of VS Code so it is tested in Node.
import { type PullEntry, type PullOptions } from '../../../deploy/src';
import type { TenantNode } from './tenantModel';

export interface PullSelection {
  /** For the progress title: "every policy", "catalog Sales"… */
  label: string;
  options: Pick<PullOptions, 'catalogs' | 'accessPackages' | 'policyIds'>;
}

/** The selection by id (names could be ambiguous); undefined for a node that holds no policies. */
export function pullSelection(node: TenantNode | undefined): PullSelection | undefined {
  switch (node?.kind) {
    case undefined:
    case 'tenant':
      return { label: 'every policy', options: {} };
    case 'catalog':
      return { label: `catalog ${node.catalog.displayName}`, options: { catalogs: [node.catalog.id] } };
    case 'package':
      return { label: `access package ${node.pkg.displayName}`, options: { accessPackages: [node.pkg.id] } };
    case 'policy':
      return {
        label: `policy ${node.policy.displayName || node.policy.id}`,
        options: { accessPackages: [node.policy.accessPackageId], policyIds: [node.policy.id] },
      };
    default:
      return undefined;
  }
}

const ORDER: PullEntry['action'][] = ['created', 'updated', 'unchanged', 'gone', 'failed'];

export function pullSummary(entries: PullEntry[], tenantLabel: string, folderName: string): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
  const policies = entries.filter((e) => e.action !== 'gone').length;
  const parts = ORDER.filter((a) => counts.get(a)).map((a) => `${counts.get(a)} ${a === 'gone' ? 'gone from the tenant (files kept)' : a}`);
  return `Pulled ${policies} polic${policies === 1 ? 'y' : 'ies'} from ${tenantLabel} into ${folderName}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}
