// What hover and the AP4120 warning say about an id or reference, from the tenant's answer.
import { REFERENCE_KINDS, formatReference, type DirectoryEntry, type FoundObject, type TenantTarget } from '../../../core/src';

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

/** The target as written: its reference, or its id. */
export function subjectOf(t: TenantTarget): string {
  return t.form === 'id' ? t.id : formatReference(t.kind, t.parts);
}

/** The object(s) the target may be, in words: `group`, `user, group or service principal`. */
export function objectsOf(t: TenantTarget): string {
  const names = (t.form === 'id' ? t.kinds : [t.kind]).map((k) => REFERENCE_KINDS[k].object);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export function lookedUpOf(t: TenantTarget, entry: Extract<DirectoryEntry, { state: 'missing' }>): string {
  return t.form === 'id' ? `id ${t.id}` : entry.lookedUp;
}

function foundLines(o: FoundObject): string[] {
  const lines = [`**${REFERENCE_KINDS[o.kind].object}** ${o.displayName ? code(o.displayName) : '(no display name)'}`];
  if (o.userPrincipalName) lines.push(`UPN ${code(o.userPrincipalName)}`);
  if (o.accountEnabled !== undefined)
    lines.push(o.accountEnabled ? 'account enabled' : '**account disabled**: this user cannot sign in, approve or review');
  if (o.memberCount)
    lines.push(
      `${o.memberCount.more ? 'at least ' : ''}${o.memberCount.count.toLocaleString('en')} direct member${o.memberCount.count === 1 ? '' : 's'}`,
    );
  if (o.mail) lines.push(`mail ${code(o.mail)}`);
  if (o.catalog) lines.push(`catalog ${code(o.catalog)}`);
  if (o.appId) lines.push(`appId ${code(o.appId)}`);
  lines.push(`id ${code(o.id)}`);
  return lines;
}

/** The hover's Markdown for a target, given the tenant's answer (or none yet); `environment` names the active one. */
export function tenantHoverText(t: TenantTarget, entry: DirectoryEntry | undefined, tenant: string, environment?: string): string {
  const where = environment
    ? ` in environment ${code(environment)} (tenant ${tenant ? code(tenant) : 'not named'})`
    : tenant
      ? ` in ${code(tenant)}`
      : ' in the signed-in tenant';
  const heading = `${code(subjectOf(t))}${where}`;
  if (!entry) return `${heading}\n\nLooking it up${where}… hover again in a moment.`;
  switch (entry.state) {
    case 'found':
      return `${heading}\n\n${foundLines(entry.object).join(' · ')}`;
    case 'limited':
      return `${heading}\n\nA ${REFERENCE_KINDS[entry.kind].object} with this id exists, but the signed-in identity may not read it: Graph gave only its type and id. Reading it needs ${entry.permissions.map(code).join(' or ')}.`;
    case 'missing':
      return `${heading}\n\n**Does not exist**: no ${objectsOf(t)} has ${lookedUpOf(t, entry)}. (A new object can take a while to appear in Graph.)`;
    case 'ambiguous':
      return `${heading}\n\n**${entry.candidates.length} objects** have ${entry.lookedUp}, so the reference names none of them:\n\n${entry.candidates.map((c) => `- ${code(c.id)} (${c.detail})`).join('\n')}`;
    case 'unreadable':
      return `${heading}\n\nThe signed-in identity may not read this (Graph answered 403: "${entry.graphSaid}"). The lookup needs ${entry.permissions.map(code).join(' or ')}.`;
    case 'unchecked':
      return `${heading}\n\nNot checked: ${entry.reason}.`;
  }
}
