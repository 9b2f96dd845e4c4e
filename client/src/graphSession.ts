// One way for the editor's tenant commands (deploy, the tenant view, plan, pull, apply) to reach
// Graph: a GraphClient on the signed-in account's settings, logging each request to the output
// channel (never a token), and the tenant named as the confirmations name it.
import type * as vscode from 'vscode';
import { CLOUDS, GraphClient, GraphError, formatRequestLog } from '../../deploy/src';
import type { AuthService } from './auth/authService';
import { readAuthSettings, type ExtensionAuthSettings } from './auth/settings';
import type { TenantInfo } from './deploy/confirmation';

export interface GraphSession {
  graph: GraphClient;
  settings: ExtensionAuthSettings;
  graphRoot: string;
  cloudLabel: string;
}

/** Throws the settings problem (a message to show) when the sign-in settings are wrong. */
export function openGraphSession(
  output: vscode.LogOutputChannel,
  auth: AuthService,
  tag: string,
  /** The active environment's tenant and cloud, which replace the user's settings for these two. */
  environment?: Pick<ExtensionAuthSettings, 'tenant' | 'cloud'>,
): GraphSession {
  const settings = environment ? { ...readAuthSettings(), ...environment } : readAuthSettings();
  const cloud = CLOUDS[settings.cloud];
  const graphRoot = settings.overrides?.graphUrl ?? cloud.graphHost;
  const graph = new GraphClient({
    baseUrl: graphRoot,
    // The same settings snapshot for sign-in as for the Graph root and the confirmation.
    tokenProvider: auth.getTokenProvider(settings),
    // A request that failed or got no answer is a warning (retries follow, or the error does).
    logger: (e) => {
      if (e.status >= 200 && e.status < 400) output.info(`[${tag}] ${formatRequestLog(e)}`);
      else output.warn(`[${tag}] ${formatRequestLog(e)}`);
    },
  });
  return { graph, settings, graphRoot, cloudLabel: cloud.label };
}

/** The tenant's id and name (the organization), or the signed-in account's tenant id when that cannot be read. */
export async function readTenantInfo(
  graph: GraphClient,
  auth: AuthService,
  configuredTenant: string,
  signal?: AbortSignal,
): Promise<TenantInfo> {
  try {
    const res = await graph.request<{ value?: { id?: string; displayName?: string }[] }>('GET', '/v1.0/organization', {
      query: { $select: 'id,displayName' },
      signal,
    });
    const org = res.body?.value?.[0];
    if (org?.id) return { id: org.id, displayName: org.displayName };
  } catch (e) {
    // Reading the organization needs more than the deploy permission in some tenants; the id
    // from the sign-in is enough to name the tenant. Only cancellation and sign-in failures stop here.
    if (!(e instanceof GraphError) || e.kind === 'cancelled') throw e;
  }
  const account = auth.currentAccount();
  return { id: account?.tenantId ?? configuredTenant };
}
