// Answers the language server's tenant lookups from the signed-in session, and tells it when the
// account changes. Signed out, or lookups switched off: "not signed in", and no prompt, ever.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLOUDS, GraphClient, formatRequestLog } from '../../../deploy/src';
import { LOOKUP_DIRECTORY_OBJECTS_REQUEST, SETTINGS, TENANT_CHANGED_NOTIFICATION, SIGN_IN_SETTINGS } from '../../../common/src';
import type { AuthService } from '../auth';
import { readAuthSettings } from '../auth/settings';
import { affectsAny, readSetting } from '../config';
import { answerLookups } from './answerLookups';

export function registerTenantLookups(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  auth: AuthService,
  output: vscode.LogOutputChannel,
): void {
  client.onRequest(LOOKUP_DIRECTORY_OBJECTS_REQUEST, async (params, token) => {
    if (!readSetting(SETTINGS.tenantLookups) || !auth.currentAccount()) return { signedIn: false };
    const settings = readAuthSettings();
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const graph = new GraphClient({
      baseUrl: settings.overrides?.graphUrl ?? CLOUDS[settings.cloud].graphHost,
      tokenProvider: auth.getSilentTokenProvider(),
      // Lookups in the background: a throttled Graph is not waited out for long.
      maxAttempts: 2,
      maxRetryAfterMs: 10_000,
      readTimeoutMs: 15_000,
      logger: (e) => output.debug(`[tenant] ${formatRequestLog(e)}`),
    });
    return answerLookups(graph, settings.tenant, params?.queries ?? [], abort.signal);
  });
  const changed = () => void client.sendNotification(TENANT_CHANGED_NOTIFICATION).catch(() => undefined);
  context.subscriptions.push(
    auth.onDidChangeAccount(changed),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsAny(e, [...SIGN_IN_SETTINGS, SETTINGS.tenantLookups])) changed();
    }),
  );
}
