// Endpoints of the Microsoft clouds a policy can be deployed to. Values from docs/policy-facts.md
// ("Endpoints and clouds", after Microsoft Graph national cloud deployments). A token from one cloud is useless in another,
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
  global: cloud(
    'global',
    'Global (including GCC)',
    'https://login.microsoftonline.com',
    'https://graph.microsoft.com',
    'api://AzureADTokenExchange',
  ),
  usgov: cloud(
    'usgov',
    'US Government L4 (GCC High)',
    'https://login.microsoftonline.us',
    'https://graph.microsoft.us',
    'api://AzureADTokenExchangeUSGov',
  ),
  usgovdod: cloud(
    'usgovdod',
    'US Government L5 (DoD)',
    'https://login.microsoftonline.us',
    'https://dod-graph.microsoft.us',
    'api://AzureADTokenExchangeUSGov',
  ),
  china: cloud(
    'china',
    'China (operated by 21Vianet)',
    'https://login.chinacloudapi.cn',
    'https://microsoftgraph.chinacloudapi.cn',
    'api://AzureADTokenExchangeChina',
  ),
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
 * Only loopback targets are accepted (see loopbackOverrideProblem): an override is where a client
 * secret, a client assertion or a bearer token goes, so an arbitrary host would be an exfiltration
 * switch for whoever writes the arguments or settings.
 */
export interface EndpointOverrides {
  graphUrl?: string;
  authorityUrl?: string;
}

export type EndpointKind = 'authority' | 'graph';

export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Why `url` is not an acceptable override, or undefined when it is: http or https to a loopback
 * address with an explicit port, without credentials. The one rule for the extension's settings,
 * the sign-in core and the CLI.
 */
export function loopbackOverrideProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a valid URL`;
  }
  if (parsed.username || parsed.password) return `${parsed.origin} must not contain credentials`;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `"${parsed.protocol}" is not http or https`;
  if (!LOOPBACK_HOSTS.includes(parsed.hostname)) {
    return `${parsed.host} is not a loopback address (${LOOPBACK_HOSTS.join(', ')}); credentials are only sent to a Microsoft cloud or this machine`;
  }
  if (!parsed.port) return `${parsed.origin} must name a port (for example http://127.0.0.1:8400)`;
  return undefined;
}

/** Throws unless `url` is a loopback override (see loopbackOverrideProblem). */
export function assertLoopbackOverride(url: string): void {
  const problem = loopbackOverrideProblem(url);
  if (problem) throw new Error(`Endpoint override refused: ${problem}.`);
}

/** The origin a cloud uses for sign-in or Graph. */
export function cloudHost(cloud: CloudName, kind: EndpointKind): string {
  return kind === 'authority' ? CLOUDS[cloud].authorityHost : CLOUDS[cloud].graphHost;
}

/**
 * An endpoint given on a command line: a loopback override (returned, for a stand-in), or the
 * chosen cloud's own host (undefined: no override needed). Any other host is refused with its
 * name; another cloud's host is refused with the --cloud that uses it, since a token of one cloud
 * is useless in another.
 */
export function resolveEndpointOverride(url: string, kind: EndpointKind, cloud: CloudName): string | undefined {
  const loopbackProblem = loopbackOverrideProblem(url);
  if (!loopbackProblem) return url.replace(/\/+$/, '');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || LOOPBACK_HOSTS.includes(parsed.hostname)) throw new Error(loopbackProblem);
  const isRoot = parsed.pathname.replace(/\/+$/, '') === '' && !parsed.search && !parsed.username && !parsed.password;
  const owners = (Object.keys(CLOUDS) as CloudName[]).filter((c) => cloudHost(c, kind) === parsed.origin);
  if (owners.length > 0 && isRoot) {
    if (owners.includes(cloud)) return undefined;
    throw new Error(
      `${parsed.host} is the ${kind === 'graph' ? 'Graph' : 'sign-in'} host of cloud ${owners.join(' / ')}, not of ${cloud}: use --cloud ${owners[0]} instead.`,
    );
  }
  const known = [...new Set((Object.keys(CLOUDS) as CloudName[]).map((c) => new URL(cloudHost(c, kind)).host))];
  throw new Error(
    `refusing to send credentials to ${parsed.host}: only ${known.join(', ')} (the Microsoft clouds) or a loopback address (${LOOPBACK_HOSTS.join(', ')}) with a port are allowed.`,
  );
}
