// msal's token cache persisted in VS Code SecretStorage (OS keychain). It holds refresh tokens, so
// it never goes to globalState or a file. One key per cloud + app, so switching either starts clean.
import type * as vscode from 'vscode';
import type { ICachePlugin } from '@azure/msal-node';
import { secretStoreCachePlugin } from '../../../deploy/src';

export function cacheKey(cloud: string, clientId: string): string {
  return `accessPolicy.msalCache.${cloud}.${clientId.toLowerCase()}`;
}

export function secretStorageCachePlugin(secrets: vscode.SecretStorage, cloud: string, clientId: string): ICachePlugin {
  return secretStoreCachePlugin(secrets, cacheKey(cloud, clientId));
}
