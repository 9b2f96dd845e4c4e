// Sign-in for every CLI command that talks to a tenant (deploy, and the commands that follow it):
// the flags, their usage text, the rule that exactly one method is chosen, and the token provider
// each method builds. A command spreads SIGN_IN_FLAGS into its flag spec, passes argv through
// prepareSignInArgv, then calls readSignIn and createSignIn; nothing about sign-in lives in the
// command itself.
import { CLOUDS, parseCloudName, type CloudName, type EndpointOverrides } from '../../deploy/src/cloud';
import {
  createTokenProvider,
  loadCertificatePem,
  readSecretFromEnv,
  federatedTokenFileSource,
  githubActionsSource,
  azurePipelinesSource,
  AzureCliTokenProvider,
  ManagedIdentityTokenProvider,
  DEFAULT_CLIENT_ID,
  resolveAuthSettings,
  type TokenProvider,
} from '../../deploy/src/auth/index';
import type { GraphLogger, GraphRequestLogEntry } from '../../deploy/src/graph/index';
import { UsageError, type FlagSpec, type ParsedArgs } from './args';
import type { CliIo } from './io';

export const SIGN_IN_FLAGS = {
  tenant: 'string',
  cloud: 'string',
  'client-id': 'string',
  'client-secret-env': 'string',
  certificate: 'string',
  'device-code': 'boolean',
  'federated-token-file': 'string',
  'github-oidc': 'boolean',
  'azure-devops-oidc': 'string',
  'managed-identity': 'string',
  'azure-cli': 'boolean',
} as const satisfies FlagSpec;

export const SIGN_IN_USAGE = `  --tenant ID              tenant id or domain (default: $AZURE_TENANT_ID)
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
  --device-code            a user signs in with a code shown on stderr`;

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

export interface SignInChoice {
  tenant: string;
  cloud: CloudName;
  clientId?: string;
  method: SignInMethod;
  overrides: EndpointOverrides;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `--managed-identity` takes an optional value, which node's parser cannot express: a following
 * GUID is its value (`--managed-identity=GUID`); anything else (a file, another flag) is not.
 */
export function prepareSignInArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '--managed-identity') {
      const next = argv[i + 1];
      if (next !== undefined && GUID.test(next)) {
        out.push(`--managed-identity=${next}`);
        i++;
      } else out.push('--managed-identity=');
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The flag (as the user typed it) of each sign-in method given. */
function methodsGiven(flags: Flags): string[] {
  const given: string[] = [];
  if (flags['client-secret-env'] !== undefined) given.push('--client-secret-env');
  if (flags.certificate !== undefined) given.push('--certificate');
  if (flags['device-code'] === true) given.push('--device-code');
  if (flags['federated-token-file'] !== undefined) given.push('--federated-token-file');
  if (flags['github-oidc'] === true) given.push('--github-oidc');
  if (flags['azure-devops-oidc'] !== undefined) given.push('--azure-devops-oidc');
  if (flags['managed-identity'] !== undefined) given.push('--managed-identity');
  if (flags['azure-cli'] === true) given.push('--azure-cli');
  return given;
}

/** Reads the sign-in flags (and the conventional environment variables); throws UsageError. */
export function readSignIn(flags: Flags, env: NodeJS.ProcessEnv, overrides: EndpointOverrides = {}): SignInChoice {
  const tenant = (flags.tenant as string | undefined) ?? env.AZURE_TENANT_ID;
  if (!tenant) throw new UsageError('--tenant is required (or set AZURE_TENANT_ID).');
  let cloud: CloudName;
  try {
    cloud = parseCloudName(flags.cloud as string | undefined);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const given = methodsGiven(flags);
  if (given.length > 1) throw new UsageError(`choose exactly one sign-in method; ${given.slice(0, -1).join(', ')} and ${given[given.length - 1]} were both given.`);
  const flagClientId = flags['client-id'] as string | undefined;
  let method: SignInMethod;
  if (given.length === 0) {
    // The workload identity convention (AKS, and any platform that writes a token file).
    if (!env.AZURE_FEDERATED_TOKEN_FILE) {
      throw new UsageError('choose exactly one sign-in method: --github-oidc, --azure-devops-oidc ID, --federated-token-file PATH, --managed-identity, --azure-cli, --client-secret-env NAME, --certificate PATH or --device-code (or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE).');
    }
    method = { kind: 'federatedTokenFile', path: env.AZURE_FEDERATED_TOKEN_FILE, fromEnv: true };
  } else if (flags['client-secret-env'] !== undefined) method = { kind: 'secret', envVar: flags['client-secret-env'] as string };
  else if (flags.certificate !== undefined) method = { kind: 'certificate', pemPath: flags.certificate as string };
  else if (flags['device-code'] === true) method = { kind: 'deviceCode' };
  else if (flags['federated-token-file'] !== undefined) method = { kind: 'federatedTokenFile', path: flags['federated-token-file'] as string, fromEnv: false };
  else if (flags['github-oidc'] === true) method = { kind: 'githubOidc' };
  else if (flags['azure-devops-oidc'] !== undefined) {
    const id = (flags['azure-devops-oidc'] as string).trim();
    if (!GUID.test(id)) throw new UsageError(`--azure-devops-oidc needs the service connection's id (a GUID, shown in the connection's URL as resourceId), not "${id}".`);
    method = { kind: 'azureDevOpsOidc', serviceConnectionId: id };
  } else if (flags['managed-identity'] !== undefined) {
    const value = (flags['managed-identity'] as string).trim() || undefined;
    if (value && !GUID.test(value)) throw new UsageError(`--managed-identity takes the client id (a GUID) of a user-assigned identity, not "${value}".`);
    if (value && flagClientId && value.toLowerCase() !== flagClientId.toLowerCase()) throw new UsageError('--managed-identity and --client-id name different identities; give the user-assigned client id once.');
    method = { kind: 'managedIdentity', clientId: value ?? flagClientId };
  } else method = { kind: 'azureCli' };

  if (method.kind === 'azureCli' && flagClientId) throw new UsageError('--client-id does not apply to --azure-cli: the Azure CLI\'s login decides the identity.');
  const appOnly = method.kind === 'secret' || method.kind === 'certificate' || method.kind === 'federatedTokenFile' || method.kind === 'githubOidc' || method.kind === 'azureDevOpsOidc';
  const clientId = method.kind === 'managedIdentity' || method.kind === 'azureCli' ? undefined : (flagClientId ?? env.AZURE_CLIENT_ID);
  if (appOnly && !clientId) throw new UsageError(`${given[0] ?? 'AZURE_FEDERATED_TOKEN_FILE'} signs in as an app: give its --client-id (or set AZURE_CLIENT_ID).`);
  return { tenant, cloud, clientId, method, overrides };
}

/** A sign-in ready to use: the provider, a sentence saying what was chosen, and 403 advice. */
export interface SignIn {
  provider: TokenProvider;
  /** Which method, tenant and client (never a token or secret). */
  description: string;
  /** A Graph logger that notes refusals (403) and passes entries on to `next`. */
  graphLogger(next?: GraphLogger): GraphLogger;
  /** Advice that depends on the sign-in, when Graph refused (403) since the last call. */
  takeForbiddenAdvice(): string | undefined;
}

/** Builds the token provider; throws SignInError for a configuration mistake (exit 2). */
export function createSignIn(choice: SignInChoice, io: CliIo): SignIn {
  const { tenant, cloud, clientId, method, overrides } = choice;
  const common = { tenant, clientId, cloud, overrides };
  const where = `tenant ${tenant}, cloud ${CLOUDS[cloud].label}`;
  let provider: TokenProvider;
  let description: string;
  let forbiddenAdvice: () => string | undefined = () => undefined;
  switch (method.kind) {
    case 'deviceCode':
      provider = createTokenProvider({ flow: 'public', ...common, method: 'deviceCode', onDeviceCode: (info) => io.stderr(`${info.message}\n`) });
      description = `device code (a user), app ${clientId ?? `${DEFAULT_CLIENT_ID} (Microsoft Graph Command Line Tools)`}`;
      break;
    case 'secret':
      // Check the credential now, once, rather than failing every file with the same message.
      readSecretFromEnv(method.envVar, io.env);
      provider = createTokenProvider({ flow: 'app', ...common, credential: method, env: io.env });
      description = `client secret from environment variable ${method.envVar}, app ${clientId}`;
      break;
    case 'certificate':
      loadCertificatePem(method.pemPath);
      provider = createTokenProvider({ flow: 'app', ...common, credential: method, env: io.env });
      description = `certificate ${method.pemPath}, app ${clientId}`;
      break;
    case 'federatedTokenFile':
    case 'githubOidc':
    case 'azureDevOpsOidc': {
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
      forbiddenAdvice = () => az.forbiddenAdvice();
      description = 'the Azure CLI\'s login (az account get-access-token)';
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
      return seen ? forbiddenAdvice() : undefined;
    },
  };
}
