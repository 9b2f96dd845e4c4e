// Scopes the deploy needs, per cloud. Scopes carry the cloud's Graph host: a token for
// graph.microsoft.com is rejected by graph.microsoft.us and vice versa.
import { CLOUDS, type CloudName } from '../cloud';

export const ENTITLEMENT_PERMISSION = 'EntitlementManagement.ReadWrite.All';

/** Delegated sign-in: the write permission plus a refresh token for silent renewal. */
export function delegatedScopes(cloud: CloudName): string[] {
  return [`${CLOUDS[cloud].graphHost}/${ENTITLEMENT_PERMISSION}`, 'offline_access'];
}

/** App-only sign-in: whatever application permissions were granted to the app. */
export function appOnlyScopes(cloud: CloudName): string[] {
  return [CLOUDS[cloud].graphScope];
}
