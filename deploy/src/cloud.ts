// Endpoints of the Microsoft clouds a policy can be deployed to. Values from the project's facts
// (§1c, Microsoft Graph national cloud deployments). A token from one cloud is useless in another,
// so authority and Graph host always travel together.

export type CloudName = 'global' | 'usgov' | 'usgovdod' | 'china';

export interface CloudEndpoints {
  name: CloudName;
  /** Human-readable name for pickers and messages. */
  label: string;
  /** Sign-in authority origin, without a trailing slash (tenant is appended). */
  authorityHost: string;
  /** Graph root URL, without a trailing slash. */
  graphHost: string;
  /** The app-only scope for this cloud's Graph (`<graphHost>/.default`). */
  graphScope: string;
  /**
   * Audience a workload identity token (GitHub, Azure DevOps, a token file) must carry for this
   * cloud's Entra to exchange it; a federated credential lists the same value.
   */
  tokenExchangeAudience: string;
}

function cloud(name: CloudName, label: string, authorityHost: string, graphHost: string, tokenExchangeAudience: string): CloudEndpoints {
  return { name, label, authorityHost, graphHost, graphScope: `${graphHost}/.default`, tokenExchangeAudience };
}

export const CLOUDS: Record<CloudName, CloudEndpoints> = {
  global: cloud('global', 'Global (including GCC)', 'https://login.microsoftonline.com', 'https://graph.microsoft.com', 'api://AzureADTokenExchange'),
  usgov: cloud('usgov', 'US Government L4 (GCC High)', 'https://login.microsoftonline.us', 'https://graph.microsoft.us', 'api://AzureADTokenExchangeUSGov'),
  usgovdod: cloud('usgovdod', 'US Government L5 (DoD)', 'https://login.microsoftonline.us', 'https://dod-graph.microsoft.us', 'api://AzureADTokenExchangeUSGov'),
  china: cloud('china', 'China (operated by 21Vianet)', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn', 'api://AzureADTokenExchangeChina'),
};

export function isCloudName(value: unknown): value is CloudName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CLOUDS, value);
}

/** Parses a cloud name given by a user (setting, CLI flag); throws a clear error otherwise. */
export function parseCloudName(value: string | undefined): CloudName {
  if (value === undefined || value === '') return 'global';
  const v = value.trim().toLowerCase();
  if (isCloudName(v)) return v;
  throw new Error(`Unknown cloud "${value}". Use one of: ${Object.keys(CLOUDS).join(', ')}.`);
}

/**
 * Test/dev overrides that send sign-in or Graph traffic to a local stand-in instead of the cloud.
 * Only loopback http (or https) targets are accepted: see assertLoopbackOverride.
 */
export interface EndpointOverrides {
  graphUrl?: string;
  authorityUrl?: string;
}

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Refuses an override URL unless it is https (any host) or plain http to a loopback address with
 * an explicit port. Plain http elsewhere would send tokens in clear text over a network.
 */
export function assertLoopbackOverride(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Endpoint override "${url}" is not a valid URL.`);
  }
  if (parsed.username || parsed.password) {
    throw new Error(`Endpoint override ${parsed.origin} must not contain credentials.`);
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol !== 'http:') {
    throw new Error(`Endpoint override "${parsed.origin}" must use https, or http on a loopback address.`);
  }
  if (!LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new Error(
      `Endpoint override "${parsed.origin}" uses plain http to a non-loopback host; only http://127.0.0.1, http://localhost or http://[::1] (with a port) are allowed.`,
    );
  }
  if (!parsed.port) {
    throw new Error(`Endpoint override "${parsed.origin}" must name a port (for example http://127.0.0.1:8400).`);
  }
}
