// Reads the claims of a token without verifying it (Graph and Entra verify; this is only to explain
// who a token is for: tenant, app, user or app-only, issuer and subject). Claims are not secret; the
// token is, and never leaves this function.
export function readJwtClaims(token: string): Record<string, unknown> | undefined {
  try {
    const p = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A claim as text (arrays joined with ", "), or undefined. */
export function claimText(claims: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = claims?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').join(', ');
  return undefined;
}
