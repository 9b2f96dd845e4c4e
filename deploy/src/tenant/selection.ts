// Turns `--catalog ID|NAME` and `--access-package ID|NAME` into access package ids. A name is
// matched case-insensitively; a package name that several catalogs use is only accepted when a
// named catalog narrows it to one (docs/policy-facts.md, "Reading a tenant": names are unique per catalog at best).
import type { TenantAccessPackage, TenantCatalog } from './tenantReader';

export class SelectionError extends Error {}

export interface Selection {
  catalogs?: string[];
  accessPackages?: string[];
}

function matches(ref: string, item: { id: string; displayName: string }): boolean {
  const r = ref.trim().toLowerCase();
  return item.id.toLowerCase() === r || item.displayName.trim().toLowerCase() === r;
}

/** The selected package ids, or undefined for "everything". */
export function resolveSelection(
  sel: Selection,
  catalogs: Map<string, TenantCatalog>,
  packages: Map<string, TenantAccessPackage>,
): string[] | undefined {
  const catRefs = sel.catalogs ?? [];
  const pkgRefs = sel.accessPackages ?? [];
  if (catRefs.length === 0 && pkgRefs.length === 0) return undefined;
  const catalogIds = new Set<string>();
  for (const ref of catRefs) {
    const found = [...catalogs.values()].filter((c) => matches(ref, c));
    if (found.length === 0) throw new SelectionError(`No catalog "${ref}" is readable in this tenant (by id or display name).`);
    if (found.length > 1)
      throw new SelectionError(`${found.length} catalogs are named "${ref}" (${found.map((c) => c.id).join(', ')}); name it by id.`);
    catalogIds.add(found[0].id.toLowerCase());
  }
  const out = new Set<string>();
  if (pkgRefs.length === 0) {
    for (const p of packages.values()) if (catalogIds.has(p.catalogId)) out.add(p.id.toLowerCase());
    return [...out];
  }
  for (const ref of pkgRefs) {
    let found = [...packages.values()].filter((p) => matches(ref, p));
    if (catalogIds.size > 0) found = found.filter((p) => catalogIds.has(p.catalogId));
    if (found.length === 0)
      throw new SelectionError(
        `No access package "${ref}"${catalogIds.size ? ' in the named catalogs' : ''} is readable in this tenant (by id or display name).`,
      );
    if (found.length > 1) {
      const where = found.map((p) => `${p.id} in ${catalogs.get(p.catalogId)?.displayName ?? p.catalogId}`).join(', ');
      throw new SelectionError(`${found.length} access packages are named "${ref}" (${where}); add --catalog or name it by id.`);
    }
    out.add(found[0].id.toLowerCase());
  }
  return [...out];
}
