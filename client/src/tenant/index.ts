// Answers the language server's tenant lookups from the signed-in session, and tells it when the
// account, the settings or the active environment change. Signed out, lookups switched off, or an
// environment whose tenant was not confirmed: "not signed in", and no prompt, ever.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLOUDS, GraphClient, formatRequestLog, isCloudName } from '../../../deploy/src';
import {
  LOOKUP_DIRECTORY_OBJECTS_REQUEST,
  SUGGEST_DIRECTORY_OBJECTS_REQUEST,
  SETTINGS,
  TENANT_CHANGED_NOTIFICATION,
  SIGN_IN_SETTINGS,
} from '../../../common/src';
import type { AuthService } from '../auth';
import { readAuthSettings } from '../auth/settings';
import { affectsAny, readSetting } from '../config';
import type { Environments } from '../environments/environments';
import { LookupCache, answerLookups, answerSuggestions, type LookupTarget, type UnconfirmedTarget } from './answerLookups';

export function registerTenantLookups(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  auth: AuthService,
  output: vscode.LogOutputChannel,
  environments: Environments,
): void {
  const cache = new LookupCache();
  /** The active environment's tenant once confirmed; without environments, the signed-in tenant. */
  const target = (): LookupTarget | UnconfirmedTarget | undefined => {
    const account = auth.currentAccount();
    if (!readSetting(SETTINGS.tenantLookups) || !account) return undefined;
    const env = environments.lookupEnvironment() ?? undefined;
    if (env && !env.confirmed) return { unconfirmed: { environment: env.name, tenant: env.tenant } };
    if (env && !isCloudName(env.cloud)) return undefined;
    let base: ReturnType<typeof readAuthSettings>;
    try {
      base = readAuthSettings();
    } catch {
      return undefined; // wrong sign-in settings: the sign-in command says so, typing does not
    }
    const settings = env && isCloudName(env.cloud) ? { ...base, tenant: env.tenant, cloud: env.cloud } : base;
    const graph = new GraphClient({
      baseUrl: settings.overrides?.graphUrl ?? CLOUDS[settings.cloud].graphHost,
      tokenProvider: auth.getSilentTokenProvider(settings),
      // Lookups in the background: a throttled Graph is not waited out for long.
      maxAttempts: 2,
      maxRetryAfterMs: 10_000,
      readTimeoutMs: 15_000,
      logger: (e) => output.debug(`[tenant] ${formatRequestLog(e)}`),
    });
    return {
      key: JSON.stringify([settings.tenant.toLowerCase(), settings.cloud, account.homeAccountId, env?.name]),
      tenant: settings.tenant,
      environment: env?.name,
      graph,
    };
  };
  client.onRequest(LOOKUP_DIRECTORY_OBJECTS_REQUEST, (params) => answerLookups(cache, target(), params?.queries ?? []));
  client.onRequest(SUGGEST_DIRECTORY_OBJECTS_REQUEST, (query) => answerSuggestions(cache, target(), query));
  const changed = () => {
    cache.clear();
    void client.sendNotification(TENANT_CHANGED_NOTIFICATION).catch(() => undefined);
  };
  context.subscriptions.push(
    auth.onDidChangeAccount(changed),
    environments.onDidChange(changed),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsAny(e, [...SIGN_IN_SETTINGS, SETTINGS.tenantLookups])) changed();
    }),
  );
}
