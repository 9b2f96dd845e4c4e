// Display names made into file and folder names that every OS accepts: no characters Windows
// refuses (`<>:"/\|?*`, controls), no trailing dot or space, no reserved device names (CON, NUL,
// COM1…), no leading dot (hidden, and skipped by folder walks), at most 80 characters.
// Names are compared case-insensitively for collisions, as Windows and macOS do.

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX = 80;
// eslint-disable-next-line no-control-regex -- control characters are among what a file name must not hold
const REFUSED = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

export function safeSegment(name: string): string {
  let s = name.normalize('NFC').replace(REFUSED, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  s = [...s].slice(0, MAX).join('');
  s = s.replace(/[. ]+$/, '');
  if (s === '') s = '_';
  if (RESERVED.test(s)) s = `${s}_`;
  return s;
}

/** The key under which two names collide on a case-insensitive file system. */
export function collisionKey(segment: string): string {
  return segment.normalize('NFC').toLowerCase();
}

/** A short, stable suffix from an id, to tell apart objects whose names collide. */
export function idSuffix(id: string): string {
  return id
    .replace(/[^0-9a-z]/gi, '')
    .slice(0, 8)
    .toLowerCase();
}

/**
 * Safe names for a set of objects: each gets its safe display name, and every member of a group
 * whose names collide gets ` (<id prefix>)` appended, so the result does not depend on order.
 */
export function uniqueSegments(items: { id: string; displayName: string }[]): Map<string, string> {
  const groups = new Map<string, string[]>();
  const base = new Map<string, string>();
  for (const it of items) {
    const seg = safeSegment(it.displayName);
    base.set(it.id, seg);
    const k = collisionKey(seg);
    groups.set(k, [...(groups.get(k) ?? []), it.id]);
  }
  const out = new Map<string, string>();
  for (const it of items) {
    const seg = base.get(it.id)!;
    const clash = (groups.get(collisionKey(seg))?.length ?? 0) > 1;
    out.set(
      it.id,
      clash
        ? `${[...seg]
            .slice(0, MAX - 11)
            .join('')
            .replace(/[. ]+$/, '')} (${idSuffix(it.id)})`
        : seg,
    );
  }
  return out;
}
