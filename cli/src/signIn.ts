// The sign-in options every command that talks to a tenant takes (deploy, pull, plan, apply), in
// one place: the flags, their usage text, their checks (a mistake is a usage error, exit 2,
// before anything is tried: exactly one method, its CI variables, secret or certificate), the
// token provider each method builds and the Graph client they lead to. A command spreads
// SIGN_IN_SPEC into its flag spec, then calls readSignIn and connect.
import {
  CLOUDS,
  parseCloudName,
  resolveEndpointOverride,
  type CloudName,
  type CloudEndpoints,
  type EndpointOverrides,
  createTokenProvider,
  loadCertificatePem,
  readSecretFromEnv,
  federatedTokenFileSource,
  readFederatedTokenFile,
  githubActionsSource,
  azurePipelinesSource,
  AzureCliTokenProvider,
  ManagedIdentityTokenProvider,
  DEFAULT_CLIENT_ID,
  resolveAuthSettings,
  type TokenProvider,
  GraphClient,
  formatRequestLog,
  type GraphLogger,
  type GraphRequestLogEntry,
  EnvironmentError,
  selectEnvironment,
  type ActiveEnvironment,
} from '../../deploy/src';
import { UsageError, type FlagSpec, type ParsedArgs } from './args';
import type { CliIo } from './io';
import { errorMessage } from '../../core/src';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SIGN_IN_SPEC = {
  env: 'string',
  tenant: 'string',
  cloud: 'string',
  'client-id': 'string',
  'client-secret-env': 'string',
  certificate: 'string',
  'device-code': 'boolean',
  'federated-token-file': 'string',
  'github-oidc': 'boolean',
  'azure-devops-oidc': 'string',
  // A following GUID is its value; anything else (a file, another flag) is not.
  'managed-identity': { optionalValue: GUID },
  'azure-cli': 'boolean',
  'graph-url': 'string',
  'authority-url': 'string',
  verbose: 'boolean',
} as const satisfies FlagSpec;

export const SIGN_IN_USAGE = `  --env NAME               the environment of the folder's accesspolicy.config.json: its tenant and
                           cloud, its values, its ids in accesspolicy.ids.json (required in a folder
                           with a config; --tenant/--cloud may only repeat what it says)
  --tenant ID              tenant id or domain (default: $AZURE_TENANT_ID)
  --cloud NAME             global | usgov | usgovdod | china (default global)
  --client-id GUID         app registration (default: $AZURE_CLIENT_ID, else Microsoft Graph CLI tools
                           for --device-code)
Sign-in (exactly one; with none, AZURE_FEDERATED_TOKEN_FILE + AZURE_CLIENT_ID + AZURE_TENANT_ID are
used when AZURE_FEDERATED_TOKEN_FILE is set):
  --github-oidc            GitHub Actions OIDC token (job needs "permissions: id-token: write")
  --azure-devops-oidc ID   Azure Pipelines OIDC token of service connection ID (map SYSTEM_ACCESSTOKEN
                           and SYSTEM_OIDCREQUESTURI into the step's env)
  --federated-token-file PATH
                           a workload identity token in a file, read again for every token request
  --managed-identity [CLIENT_ID]
                           the machine's managed identity: system-assigned, or the user-assigned one
  --azure-cli              reuse the Azure CLI's login (a service principal or managed identity az login)
  --client-secret-env NAME app-only, secret read from environment variable NAME (never pass the value)
  --certificate PATH       app-only, PEM file with private key and certificate
  --device-code            a user signs in with a code shown on stderr
Other:
  --graph-url URL          test only: Graph root of a local stand-in (loopback with a port, or the
  --authority-url URL      cloud's own host); any other host is refused, credentials never go there
  --verbose                log every Graph request (method, URL, status, request-id, time) to stderr`;

type Flags = ParsedArgs['flags'];

export type SignInMethod =
  | { kind: 'secret'; envVar: string }
  | { kind: 'certificate'; pemPath: string }
  | { kind: 'deviceCode' }
  | { kind: 'federatedTokenFile'; path: string; fromEnv: boolean }
  | { kind: 'githubOidc' }
  | { kind: 'azureDevOpsOidc'; serviceConnectionId: string }
  | { kind: 'managedIdentity'; clientId?: string }
  | { kind: 'azureCli' };

export interface SignInArgs {
  tenant: string;
  cloud: CloudName;
  clientId?: string;
  method: SignInMethod;
  overrides: EndpointOverrides;
  verbose: boolean;
}

/**
 * A secret on a command line ends up in shell history, process lists and CI logs; say what to do
 * instead (and never repeat the value). Call before parsing, so the flag is never echoed back.
 */
export function refuseSecretOnCommandLine(argv: string[]): void {
  if (argv.some((a) => a === '--client-secret' || a.startsWith('--client-secret='))) {
    throw new UsageError(
      "--client-secret is not accepted: a secret on the command line is visible in shell history, process lists and CI logs. Put it in an environment variable and pass the variable's NAME with --client-secret-env NAME.",
    );
  }
}

/** Each method's flag and what its value means; the order is the order of the usage text. */
const METHOD_FLAGS: { flag: keyof typeof SIGN_IN_SPEC; read: (value: string | true) => SignInMethod }[] = [
  { flag: 'github-oidc', read: () => ({ kind: 'githubOidc' }) },
  { flag: 'azure-devops-oidc', read: (v) => ({ kind: 'azureDevOpsOidc', serviceConnectionId: serviceConnectionId(String(v)) }) },
  { flag: 'federated-token-file', read: (v) => ({ kind: 'federatedTokenFile', path: String(v), fromEnv: false }) },
  { flag: 'managed-identity', read: (v) => ({ kind: 'managedIdentity', clientId: managedIdentityClientId(String(v)) }) },
  { flag: 'azure-cli', read: () => ({ kind: 'azureCli' }) },
  { flag: 'client-secret-env', read: (v) => ({ kind: 'secret', envVar: String(v) }) },
  { flag: 'certificate', read: (v) => ({ kind: 'certificate', pemPath: String(v) }) },
  { flag: 'device-code', read: () => ({ kind: 'deviceCode' }) },
];

function serviceConnectionId(value: string): string {
  const id = value.trim();
  if (!GUID.test(id))
    throw new UsageError(
      `--azure-devops-oidc needs the service connection's id (a GUID, shown in the connection's URL as resourceId), not "${id}".`,
    );
  return id;
}

function managedIdentityClientId(value: string): string | undefined {
  const id = value.trim() || undefined;
  if (id && !GUID.test(id))
    throw new UsageError(`--managed-identity takes the client id (a GUID) of a user-assigned identity, not "${id}".`);
  return id;
}

/**
 * The environment `--env` names in the configuration governing `targets` (the command's files and
 * folders, or pull's --out), or undefined in a folder without one; a configuration problem is a
 * UsageError (exit 2).
 */
export function readEnvironment(flags: Flags, targets: string[]): ActiveEnvironment | undefined {
  const name = flags.env as string | undefined;
  if (name !== undefined && name.trim() === '') throw new UsageError('--env needs an environment name.');
  try {
    return selectEnvironment(targets, name?.trim());
  } catch (e) {
    if (e instanceof EnvironmentError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Reads the sign-in flags (and the conventional environment variables); throws UsageError. With
 * an environment, its tenant and cloud are the sign-in's: a --tenant or --cloud that says
 * otherwise is a configuration error, and AZURE_TENANT_ID does not apply.
 */
export function readSignIn(flags: Flags, env: NodeJS.ProcessEnv, environment?: ActiveEnvironment): SignInArgs {
  let tenant: string | undefined;
  let cloud: CloudName;
  if (environment) {
    const where = `environment "${environment.name}" of ${environment.configFile}`;
    const flagTenant = (flags.tenant as string | undefined)?.trim();
    if (flagTenant && flagTenant.toLowerCase() !== environment.tenant.toLowerCase()) {
      throw new UsageError(
        `--tenant ${flagTenant} disagrees with ${where}, which names tenant ${environment.tenant}. Leave --tenant out (the environment names the tenant) or choose the environment of that tenant.`,
      );
    }
    const flagCloud = flags.cloud as string | undefined;
    if (flagCloud !== undefined) {
      let given: CloudName;
      try {
        given = parseCloudName(flagCloud);
      } catch (e) {
        throw new UsageError(e instanceof Error ? e.message : String(e));
      }
      if (given !== environment.cloud)
        throw new UsageError(`--cloud ${given} disagrees with ${where}, which is in cloud ${environment.cloud}.`);
    }
    tenant = environment.tenant;
    cloud = environment.cloud;
  } else {
    tenant = (flags.tenant as string | undefined) ?? env.AZURE_TENANT_ID;
    try {
      cloud = parseCloudName(flags.cloud as string | undefined);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
  }
  if (!tenant) throw new UsageError('--tenant is required (or set AZURE_TENANT_ID).');
  const given = METHOD_FLAGS.filter((m) => flags[m.flag] !== undefined && flags[m.flag] !== false);
  if (given.length > 1) {
    const names = given.map((m) => `--${m.flag}`);
    throw new UsageError(
      `choose exactly one sign-in method; ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} were ${names.length === 2 ? 'both' : 'all'} given.`,
    );
  }
  const flagClientId = flags['client-id'] as string | undefined;
  let method: SignInMethod;
  if (given.length === 0) {
    // The workload identity convention (AKS, and any platform that writes a token file).
    if (!env.AZURE_FEDERATED_TOKEN_FILE) {
      throw new UsageError(
        `choose exactly one sign-in method: ${METHOD_FLAGS.map((m) => `--${m.flag}`).join(', ')} (or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE).`,
      );
    }
    method = { kind: 'federatedTokenFile', path: env.AZURE_FEDERATED_TOKEN_FILE, fromEnv: true };
  } else {
    method = given[0].read(flags[given[0].flag] as string | true);
  }
  if (method.kind === 'managedIdentity') {
    if (method.clientId && flagClientId && method.clientId.toLowerCase() !== flagClientId.toLowerCase())
      throw new UsageError('--managed-identity and --client-id name different identities; give the user-assigned client id once.');
    method.clientId ??= flagClientId;
  }
  if (method.kind === 'azureCli' && flagClientId)
    throw new UsageError("--client-id does not apply to --azure-cli: the Azure CLI's login decides the identity.");
  const appOnly =
    method.kind === 'secret' ||
    method.kind === 'certificate' ||
    method.kind === 'federatedTokenFile' ||
    method.kind === 'githubOidc' ||
    method.kind === 'azureDevOpsOidc';
  const clientId = method.kind === 'managedIdentity' || method.kind === 'azureCli' ? undefined : (flagClientId ?? env.AZURE_CLIENT_ID);
  if (appOnly && !clientId)
    throw new UsageError(
      `${given[0] ? `--${given[0].flag}` : 'AZURE_FEDERATED_TOKEN_FILE'} signs in as an app: give its --client-id (or set AZURE_CLIENT_ID).`,
    );
  const overrides: EndpointOverrides = {};
  for (const [flag, key, kind] of [
    ['graph-url', 'graphUrl', 'graph'],
    ['authority-url', 'authorityUrl', 'authority'],
  ] as const) {
    const v = flags[flag] as string | undefined;
    if (v === undefined) continue;
    // Arguments may be built from repository content: only a Microsoft cloud or this machine.
    try {
      const target = resolveEndpointOverride(v, kind, cloud);
      if (target) overrides[key] = target;
    } catch (e) {
      throw new UsageError(`--${flag}: ${errorMessage(e)}`);
    }
  }
  return { tenant, cloud, clientId, method, overrides, verbose: flags.verbose === true };
}

export interface Connection {
  graph: GraphClient;
  tokens: TokenProvider;
  cloud: CloudEndpoints;
  graphRoot: string;
  /** Which method, tenant and client (never a token or secret); connect() prints it on stderr. */
  description: string;
  /** Advice that depends on the sign-in, when Graph refused (403) since the last call. */
  takeForbiddenAdvice(): string | undefined;
}

/**
 * The token provider and Graph client for the sign-in. Only settings are checked here (tenant,
 * client id, cloud, the secret's variable, the certificate file, the CI variables): a mistake in
 * them is the caller's, like a bad flag, so it is thrown as a UsageError.
 */
export function connect(args: SignInArgs, io: CliIo, options: { deadline?: number | (() => number) } = {}): Connection {
  const cloud = CLOUDS[args.cloud];
  const graphRoot = args.overrides.graphUrl ?? cloud.graphHost;
  let signIn: SignIn;
  try {
    signIn = createSignIn(args, io);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
  const graph = new GraphClient({
    baseUrl: graphRoot,
    tokenProvider: signIn.provider,
    deadline: options.deadline,
    logger: signIn.graphLogger(args.verbose ? (e) => io.stderr(`  ${formatRequestLog(e)}\n`) : undefined),
  });
  io.stderr(`${signIn.description}\n`);
  return {
    graph,
    tokens: signIn.provider,
    cloud,
    graphRoot,
    description: signIn.description,
    takeForbiddenAdvice: () => signIn.takeForbiddenAdvice(),
  };
}

interface SignIn {
  provider: TokenProvider;
  description: string;
  /** A Graph logger that notes refusals (403) and passes entries on to `next`. */
  graphLogger(next?: GraphLogger): GraphLogger;
  takeForbiddenAdvice(): string | undefined;
}

function createSignIn(choice: SignInArgs, io: CliIo): SignIn {
  const { tenant, cloud, clientId, method, overrides } = choice;
  const common = { tenant, clientId, cloud, overrides };
  const where = `tenant ${tenant}, cloud ${CLOUDS[cloud].label}`;
  let provider: TokenProvider;
  let description: string;
  switch (method.kind) {
    case 'deviceCode':
      provider = createTokenProvider({
        flow: 'public',
        ...common,
        method: 'deviceCode',
        onDeviceCode: (info) => io.stderr(`${info.message}\n`),
      });
      description = `device code (a user), app ${clientId ?? `${DEFAULT_CLIENT_ID} (Microsoft Graph Command Line Tools)`}`;
      break;
    case 'secret':
      // Check the credential now, once, rather than failing every file with the same message.
      readSecretFromEnv(method.envVar, io.env);
      provider = createTokenProvider({ flow: 'app', ...common, credential: method, env: io.env });
      description = `client secret from environment variable ${method.envVar}, app ${clientId}`;
      break;
    case 'certificate':
      // Read here only: `<(…)` and /dev/stdin cannot be read a second time.
      provider = createTokenProvider({
        flow: 'app',
        ...common,
        credential: { ...method, loaded: loadCertificatePem(method.pemPath) },
        env: io.env,
      });
      description = `certificate ${method.pemPath}, app ${clientId}`;
      break;
    case 'federatedTokenFile':
    case 'githubOidc':
    case 'azureDevOpsOidc': {
      if (method.kind === 'federatedTokenFile') readFederatedTokenFile(method.path); // fail now, once, not per file
      const source =
        method.kind === 'federatedTokenFile'
          ? federatedTokenFileSource(method.path, cloud)
          : method.kind === 'githubOidc'
            ? githubActionsSource(io.env, cloud)
            : azurePipelinesSource(io.env, method.serviceConnectionId, cloud);
      provider = createTokenProvider({ flow: 'app', ...common, credential: { kind: 'assertion', source }, env: io.env });
      const origin = method.kind === 'federatedTokenFile' && method.fromEnv ? ' (AZURE_FEDERATED_TOKEN_FILE)' : '';
      description = `${source.method}${origin} (workload identity federation, audience ${source.audience}), app ${clientId}`;
      break;
    }
    case 'managedIdentity': {
      resolveAuthSettings({ tenant, cloud }); // checks the tenant as for every other method
      const mi = new ManagedIdentityTokenProvider({ clientId: method.clientId, tenant, cloud });
      provider = mi;
      description = `managed identity (${method.clientId ? `user-assigned, client ${method.clientId}` : 'system-assigned'}; source ${mi.source})`;
      break;
    }
    case 'azureCli': {
      resolveAuthSettings({ tenant, cloud });
      const az = new AzureCliTokenProvider({ tenant, cloud, env: io.env });
      provider = az;
      description = "the Azure CLI's login (az account get-access-token)";
      break;
    }
  }
  let refused = false;
  return {
    provider,
    description: `Signing in with ${description}; ${where}`,
    graphLogger: (next) => (entry: GraphRequestLogEntry) => {
      if (entry.status === 403) refused = true;
      next?.(entry);
    },
    takeForbiddenAdvice() {
      const seen = refused;
      refused = false;
      return seen ? provider.forbiddenAdvice?.() : undefined;
    },
  };
}
