// What a sign-in needs to know, independent of where it came from (VS Code settings, CLI flags).
import { CLOUDS, assertLoopbackOverride, type CloudName, type EndpointOverrides } from '../cloud';

/**
 * Microsoft Graph Command Line Tools, a Microsoft public client present in most tenants. It saves
 * registering an app; an admin may still need to consent to EntitlementManagement.ReadWrite.All.
 * See docs/auth.md for when to use your own registration instead.
 */
export const DEFAULT_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

export interface AuthSettings {
  /** Tenant id (GUID) or verified domain; `organizations` allowed for delegated sign-in only. */
  tenant: string;
  clientId?: string;
  cloud?: CloudName;
  /** Dev/test only: send sign-in traffic for the cloud's login host to this loopback URL. */
  overrides?: EndpointOverrides;
}

const TENANT =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+|organizations|common)$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResolvedAuthSettings {
  tenant: string;
  clientId: string;
  cloud: CloudName;
  authority: string;
  overrides?: EndpointOverrides;
}

export function resolveAuthSettings(s: AuthSettings): ResolvedAuthSettings {
  const tenant = (s.tenant ?? '').trim();
  if (!tenant) throw new Error('No tenant is set. Set the tenant id or domain (setting accessPolicy.tenant, or --tenant).');
  if (!TENANT.test(tenant)) throw new Error(`"${tenant}" is not a tenant id (GUID) or domain name.`);
  const clientId = (s.clientId ?? '').trim() || DEFAULT_CLIENT_ID;
  if (!GUID.test(clientId)) throw new Error(`Client id "${clientId}" is not a GUID (the app registration's Application (client) ID).`);
  const cloud = s.cloud ?? 'global';
  if (!CLOUDS[cloud]) throw new Error(`Unknown cloud "${String(cloud)}".`);
  if (s.overrides?.authorityUrl) assertLoopbackOverride(s.overrides.authorityUrl);
  if (s.overrides?.graphUrl) assertLoopbackOverride(s.overrides.graphUrl);
  return { tenant, clientId, cloud, authority: `${CLOUDS[cloud].authorityHost}/${tenant}`, overrides: s.overrides };
}

export function isSpecificTenant(tenant: string): boolean {
  const t = tenant.toLowerCase();
  return t !== 'common' && t !== 'organizations' && t !== 'consumers';
}

/** Origins msal may contact for a cloud (China's authority is served under a partner alias too). */
export function loginOrigins(cloud: CloudName): string[] {
  const origins = [CLOUDS[cloud].authorityHost];
  if (cloud === 'china') origins.push('https://login.partner.microsoftonline.cn');
  if (cloud === 'global') origins.push('https://login.windows.net');
  return origins;
}
