// Turns a GraphError into a sentence a policy author can act on: which permission, role or
// licence is missing, which access package is unknown, which property Graph rejected. Branches on
// Graph's error code and status, never on the message text (Graph's own advice), except to pick
// out property names for pointing at the file.
import { GraphError } from './graphError';

export interface ExplainContext {
  /** What the call was for, in user terms ("create the policy", "read the access package"). */
  operation: 'create' | 'update' | 'read' | 'lookup';
  accessPackageId?: string;
  policyId?: string;
  tenant?: string;
  /** The policy asks for auto-assignment (needs a governance licence and an admin role). */
  autoAssignment?: boolean;
}

export interface GraphExplanation {
  /** One-line headline. */
  summary: string;
  /** What to do about it. */
  advice?: string;
  /** Property names Graph's message mentions, for pointing at the file. */
  propertyNames: string[];
  /** code, request-id, client-request-id, date. */
  correlation: string;
}

const WRITE_PERMISSION = 'EntitlementManagement.ReadWrite.All';
const READ_PERMISSION = 'EntitlementManagement.Read.All';

export function explainGraphError(err: GraphError, ctx: ExplainContext): GraphExplanation {
  const correlation = err.correlation();
  const graphSays = err.graphMessage ? ` Graph said: "${err.graphMessage}"` : '';
  const names = propertyNamesIn(err.graphMessage);
  const writing = ctx.operation === 'create' || ctx.operation === 'update';
  const base = { propertyNames: [] as string[], correlation };

  if (err.kind === 'cancelled')
    return {
      ...base,
      summary: 'The deploy was cancelled.',
      advice: err.ambiguous
        ? 'A write was in flight; run the deploy again to see whether it took effect (it will adopt rather than duplicate).'
        : undefined,
    };
  if (err.kind === 'throttled') {
    const wait = err.retryAfterMs !== undefined ? ` and asked to wait ${Math.ceil(err.retryAfterMs / 1000)} s` : '';
    return {
      ...base,
      summary: `Graph is throttling requests (HTTP 429)${wait}; gave up waiting.`,
      advice: 'Try again later; other tools may be calling Graph heavily in this tenant.',
    };
  }
  const mayHaveWritten =
    'The change may or may not have been made; run the deploy again, it will find and adopt the policy rather than create a second one.';
  if (err.kind === 'timeout')
    return {
      ...base,
      summary: 'Graph did not answer in time.',
      advice: err.ambiguous ? mayHaveWritten : 'Try again; if it keeps happening, check the network or proxy.',
    };
  if (err.kind === 'deadline') {
    return {
      ...base,
      summary: `The time limit ran out while waiting for Graph (${err.method} ${pathOf(err.url)}).`,
      advice: err.ambiguous ? mayHaveWritten : 'Nothing was changed. Try again later, or allow more time.',
    };
  }
  if (err.kind === 'redirect') {
    return {
      ...base,
      summary: `Graph answered with a redirect (HTTP ${err.status}${err.location ? ` to ${hostOf(err.location)}` : ''}); redirects are not followed, so nothing was sent there.`,
      advice: 'Microsoft Graph does not redirect these calls: check the Graph URL, and any proxy between here and Graph.',
    };
  }
  if (err.kind === 'unreadable') {
    return {
      ...base,
      summary: `Graph answered HTTP ${err.status} but ${err.graphMessage ?? 'the answer was unusable'}; this is not read as an empty list, so nothing was changed.`,
      advice: 'Try again; if it keeps happening, check any proxy between here and Graph.',
    };
  }
  if (err.kind === 'network')
    return {
      ...base,
      summary: `Could not reach Microsoft Graph (${hostOf(err.url)}).`,
      advice: `Check the network, proxy and the cloud setting. ${err.message}`,
    };

  switch (err.status) {
    case 400:
      if (err.code === 'InvalidModel' || err.code === 'ArgumentNullException' || names.length > 0) {
        return {
          ...base,
          propertyNames: names,
          summary: `Graph rejected the body (${err.code ?? 'BadRequest'}).${graphSays}`,
          advice: names.length
            ? `Check ${names.map((n) => `"${n}"`).join(', ')} in the file.`
            : 'The file passed local validation, so this is a rule only the service knows; check the properties against the Graph documentation.',
        };
      }
      return { ...base, summary: `Graph rejected the request (${err.code ?? 'BadRequest'}).${graphSays}` };
    case 401:
      return {
        ...base,
        summary: 'Graph did not accept the sign-in token (InvalidAuthenticationToken), even after a fresh token was fetched.',
        advice: 'Sign in again, and check that the tenant and cloud are right: a token from another tenant or cloud is refused.',
      };
    case 403: {
      if (err.code === 'UnAuthorized') {
        const licence = ctx.autoAssignment
          ? ' Auto-assignment policies also need a Microsoft Entra ID Governance licence, and catalog owners and access package managers cannot create them.'
          : '';
        return {
          ...base,
          summary: `The account has the Graph permission but no entitlement-management role that allows this${ctx.accessPackageId ? ` on access package ${ctx.accessPackageId}` : ''}.`,
          advice: `Ask for the Identity Governance Administrator role, or Catalog owner / Access package manager on the package's catalog (Catalog reader is enough only for reading).${licence}`,
        };
      }
      const permission = writing ? WRITE_PERMISSION : `${READ_PERMISSION} (or ${WRITE_PERMISSION})`;
      const licence = ctx.autoAssignment
        ? ' If the permission and role are in place, the tenant may lack the Microsoft Entra ID Governance licence that auto-assignment needs.'
        : '';
      return {
        ...base,
        summary: `The sign-in lacks the Microsoft Graph permission ${permission}.`,
        advice: `Delegated sign-in: the app needs the delegated permission ${WRITE_PERMISSION} with consent, and the user an Identity Governance role. App-only (client secret/certificate): grant the application permission ${WRITE_PERMISSION} and admin consent.${licence}`,
      };
    }
    case 404:
      if (ctx.operation === 'update' && ctx.policyId) {
        return {
          ...base,
          propertyNames: ['id'],
          summary: `The policy ${ctx.policyId} named by "id" in the file does not exist in ${ctx.tenant ?? 'this tenant'}.`,
          advice: 'If it was deleted, or the file comes from another tenant, remove "id" from the file to create the policy again.',
        };
      }
      return {
        ...base,
        propertyNames: ['accessPackage', 'accessPackageId'],
        summary: `Access package ${ctx.accessPackageId ?? '(unknown)'} was not found in ${ctx.tenant ?? 'this tenant'}.`,
        advice: 'Check the access package id in the file, and that the signed-in identity can see its catalog.',
      };
    case 409:
      return {
        ...base,
        summary: `Graph reported a conflict (${err.code ?? 'Conflict'}).${graphSays}`,
        advice: 'Another change to this policy may have happened at the same moment. Run the deploy again: it re-reads the tenant first.',
      };
    default:
      if (err.status !== undefined && err.status >= 500) {
        return {
          ...base,
          summary: `Microsoft Graph is having trouble (HTTP ${err.status}).${graphSays}`,
          advice: err.ambiguous ? mayHaveWritten : 'Try again in a few minutes.',
        };
      }
      return { ...base, summary: `Graph answered HTTP ${err.status ?? '?'}${err.code ? ` (${err.code})` : ''}.${graphSays}` };
  }
}

/** Quoted identifiers in a Graph message that look like property names (not types, not ids). */
export function propertyNamesIn(message: string | undefined): string[] {
  if (!message) return [];
  const out: string[] = [];
  for (const m of message.matchAll(/'([A-Za-z@][\w@.]*)'/g)) {
    const name = m[1];
    if (name.includes('microsoft.graph') || /^[0-9a-f-]{36}$/i.test(name)) continue;
    if (!out.includes(name)) out.push(name);
  }
  for (const m of message.matchAll(/Parameter name: (\w+)/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
