// The sign-in options every command that talks to a tenant takes (deploy, pull, plan, apply), in
// one place: the flags, their usage text, their checks (a mistake is a usage error, exit 2,
// before anything is tried) and the Graph client they lead to.
import { CLOUDS, parseCloudName, resolveEndpointOverride, type CloudName, type CloudEndpoints, type EndpointOverrides } from '../../deploy/src/cloud';
import { createTokenProvider, loadCertificatePem, readSecretFromEnv, SignInError, type TokenProvider } from '../../deploy/src/auth/index';
import { GraphClient, formatRequestLog } from '../../deploy/src/graph/index';
import { DeployError } from '../../deploy/src/deploy/index';
import { UsageError, type FlagSpec, type ParsedArgs } from './args';
import type { CliIo } from './io';

export const SIGN_IN_SPEC = {
  tenant: 'string',
  cloud: 'string',
  'client-id': 'string',
  'client-secret-env': 'string',
  certificate: 'string',
  'device-code': 'boolean',
  'graph-url': 'string',
  'authority-url': 'string',
  verbose: 'boolean',
} as const satisfies FlagSpec;

export const SIGN_IN_USAGE = `  --tenant ID              tenant id or domain (default: $AZURE_TENANT_ID)
  --cloud NAME             global | usgov | usgovdod | china (default global)
  --client-id GUID         app registration (default: $AZURE_CLIENT_ID, else Microsoft Graph CLI tools
                           for --device-code)
Sign-in (one of):
  --client-secret-env NAME app-only, secret read from environment variable NAME (never pass the value)
  --certificate PATH       app-only, PEM file with private key and certificate
  --device-code            a user signs in with a code shown on stderr
Other:
  --graph-url URL          test only: Graph root of a local stand-in (loopback with a port, or the
  --authority-url URL      cloud's own host); any other host is refused, credentials never go there
  --verbose                log every Graph request (method, URL, status, request-id, time) to stderr`;

export interface SignInArgs {
  tenant: string;
  cloud: CloudName;
  clientId?: string;
  credential: { kind: 'secret'; envVar: string } | { kind: 'certificate'; pemPath: string } | { kind: 'deviceCode' };
  overrides: EndpointOverrides;
  verbose: boolean;
}

/**
 * A secret on a command line ends up in shell history, process lists and CI logs; say what to do
 * instead (and never repeat the value). Call before parsing, so the flag is never echoed back.
 */
export function refuseSecretOnCommandLine(argv: string[]): void {
  if (argv.some((a) => a === '--client-secret' || a.startsWith('--client-secret='))) {
    throw new UsageError('--client-secret is not accepted: a secret on the command line is visible in shell history, process lists and CI logs. Put it in an environment variable and pass the variable\'s NAME with --client-secret-env NAME.');
  }
}

export function readSignIn(flags: ParsedArgs['flags'], env: NodeJS.ProcessEnv): SignInArgs {
  const tenant = (flags.tenant as string | undefined) ?? env.AZURE_TENANT_ID;
  if (!tenant) throw new UsageError('--tenant is required (or set AZURE_TENANT_ID).');
  let cloud: CloudName;
  try {
    cloud = parseCloudName(flags.cloud as string | undefined);
  } catch (e) {
    throw new UsageError(errorText(e));
  }
  const chosen = [flags['client-secret-env'] !== undefined, flags.certificate !== undefined, flags['device-code'] === true].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('choose exactly one sign-in: --client-secret-env NAME, --certificate PATH or --device-code.');
  const credential: SignInArgs['credential'] =
    flags['client-secret-env'] !== undefined
      ? { kind: 'secret', envVar: flags['client-secret-env'] as string }
      : flags.certificate !== undefined
        ? { kind: 'certificate', pemPath: flags.certificate as string }
        : { kind: 'deviceCode' };
  const clientId = (flags['client-id'] as string | undefined) ?? env.AZURE_CLIENT_ID;
  if (credential.kind !== 'deviceCode' && !clientId) throw new UsageError('app-only sign-in needs --client-id (or AZURE_CLIENT_ID).');
  const overrides: EndpointOverrides = {};
  for (const [flag, key, kind] of [['graph-url', 'graphUrl', 'graph'], ['authority-url', 'authorityUrl', 'authority']] as const) {
    const v = flags[flag] as string | undefined;
    if (v === undefined) continue;
    // Arguments may be built from repository content: only a Microsoft cloud or this machine.
    try {
      const target = resolveEndpointOverride(v, kind, cloud);
      if (target) overrides[key] = target;
    } catch (e) {
      throw new UsageError(`--${flag}: ${errorText(e)}`);
    }
  }
  return { tenant, cloud, clientId, credential, overrides, verbose: flags.verbose === true };
}

export interface Connection {
  graph: GraphClient;
  tokens: TokenProvider;
  cloud: CloudEndpoints;
  graphRoot: string;
}

/**
 * The token provider and Graph client for the sign-in. Only settings are checked here (tenant,
 * client id, cloud, the secret's variable, the certificate file): a mistake in them is the
 * caller's, like a bad flag, so it is thrown as a UsageError.
 */
export function connect(args: SignInArgs, io: CliIo, options: { deadline?: number } = {}): Connection {
  const cloud = CLOUDS[args.cloud];
  const graphRoot = args.overrides.graphUrl ?? cloud.graphHost;
  let tokens: TokenProvider;
  try {
    tokens = createProvider(args, io);
  } catch (e) {
    throw new UsageError(errorText(e));
  }
  const graph = new GraphClient({
    baseUrl: graphRoot,
    tokenProvider: tokens,
    deadline: options.deadline,
    logger: args.verbose ? (e) => io.stderr(`  ${formatRequestLog(e)}\n`) : undefined,
  });
  return { graph, tokens, cloud, graphRoot };
}

function createProvider(args: SignInArgs, io: CliIo): TokenProvider {
  const common = { tenant: args.tenant, clientId: args.clientId, cloud: args.cloud, overrides: args.overrides };
  if (args.credential.kind === 'deviceCode') {
    return createTokenProvider({
      flow: 'public',
      ...common,
      method: 'deviceCode',
      onDeviceCode: (info) => io.stderr(`${info.message}\n`),
    });
  }
  // Check the credential now, once, rather than failing every file with the same message. The
  // certificate is read here only: `<(…)` and /dev/stdin cannot be read a second time.
  if (args.credential.kind === 'secret') {
    readSecretFromEnv(args.credential.envVar, io.env);
    return createTokenProvider({ flow: 'app', ...common, credential: args.credential, env: io.env });
  }
  const loaded = loadCertificatePem(args.credential.pemPath);
  return createTokenProvider({ flow: 'app', ...common, credential: { ...args.credential, loaded }, env: io.env });
}

export function errorText(e: unknown): string {
  if (e instanceof DeployError || e instanceof SignInError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
