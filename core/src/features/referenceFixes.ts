// The quick fixes between a raw id and a name reference, computed from what the tenant answered
// (the server passes its cached lookups): an id becomes `${kind:name}` when the tenant knows the
// object and that name finds exactly it again (so the resolver accepts the text and resolves it
// back to this id), and a reference becomes the id it resolves to in the active tenant.
import type { DirectoryEntry, FoundObject } from '../references/directoryAnswers';
import { formatReference, type ObjectReferenceKind } from '../references/syntax';
import type { TenantTarget } from '../references/tenantTargets';
import type { QuickFix } from './quickFixTypes';

/** The parts a reference to `o` holds: a UPN, an appId, a partner tenant id, or (catalog and) display name. */
export function referencePartsOf(o: FoundObject): string[] | undefined {
  switch (o.kind) {
    case 'user':
      return o.userPrincipalName ? [o.userPrincipalName] : undefined;
    case 'servicePrincipal':
      return o.appId ? [o.appId] : o.displayName ? [o.displayName] : undefined;
    case 'connectedOrganization':
      return o.partnerTenant ? [o.partnerTenant] : o.displayName ? [o.displayName] : undefined;
    case 'accessPackage':
    case 'customExtension':
      return o.catalog && o.displayName ? [o.catalog, o.displayName] : undefined;
    case 'group':
      return o.displayName ? [o.displayName] : undefined;
  }
}

/** The reference an id's object would be written as, when the tenant says it is found: its kind and parts. */
export function referenceFor(entry: DirectoryEntry | undefined): { kind: ObjectReferenceKind; parts: string[] } | undefined {
  if (entry?.state !== 'found') return undefined;
  const parts = referencePartsOf(entry.object);
  return parts && { kind: entry.object.kind, parts };
}

/**
 * The fix for `target` given the tenant's answers: for an id, `idEntry` (what the id is) and
 * `referenceEntry` (what its would-be reference resolves to); for a reference, `idEntry` is what it
 * resolves to. `where` names the tenant (or environment) in the title.
 */
export function tenantReferenceFixes(
  target: TenantTarget,
  idEntry: DirectoryEntry | undefined,
  referenceEntry: DirectoryEntry | undefined,
  where: string,
): QuickFix[] {
  if (target.form === 'id') {
    const ref = referenceFor(idEntry);
    // Unique: the name finds this very object again (not another of the same name, not none).
    if (!ref || referenceEntry?.state !== 'found' || referenceEntry.object.id.toLowerCase() !== target.id.toLowerCase()) return [];
    const text = formatReference(ref.kind, ref.parts);
    return [
      {
        title: `Replace the id with ${text}`,
        isPreferred: false,
        edits: [{ offset: target.offset, length: target.length, content: JSON.stringify(text) }],
      },
    ];
  }
  if (idEntry?.state !== 'found') return [];
  return [
    {
      title: `Replace ${formatReference(target.kind, target.parts)} with its id in ${where} (${idEntry.object.id})`,
      isPreferred: false,
      edits: [{ offset: target.offset, length: target.length, content: idEntry.object.id }],
    },
  ];
}
