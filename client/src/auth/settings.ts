// Reads the sign-in settings. Settings that decide where a token goes (tenant, client id, cloud,
// dev URLs) are application-scoped in package.json; here they are also read from the user level
// only, so a cloned workspace's .vscode/settings.json can never redirect a token.
import * as vscode from 'vscode';
import { CLOUDS, isCloudName, loopbackOverrideProblem, type CloudName, type EndpointOverrides } from '../../../deploy/src/cloud';
import { DEFAULT_CLIENT_ID } from '../../../deploy/src/auth/settings';

export type SignInMethodSetting = 'auto' | 'browser' | 'deviceCode';

export interface ExtensionAuthSettings {
  tenant: string;
  clientId: string;
  cloud: CloudName;
  method: SignInMethodSetting;
  overrides?: EndpointOverrides;
}

const SECTION = 'accessPolicy';

function userLevel<T>(key: string, fallback: T): T {
  const i = vscode.workspace.getConfiguration(SECTION).inspect<T>(key);
  return (i?.globalValue ?? i?.defaultValue ?? fallback) as T;
}

/**
 * Dev overrides must point at this machine: the same rule as the sign-in core and the CLI
 * (loopbackOverrideProblem). The CLI also takes a cloud's own host, which here is the `cloud`
 * setting's job.
 */
function loopbackOnly(value: string, key: string): string | undefined {
  if (!value) return undefined;
  const problem = loopbackOverrideProblem(value);
  if (problem) throw new Error(`Setting accessPolicy.${key} must be a loopback URL such as http://127.0.0.1:8400 (a local tenant stand-in): ${problem}.`);
  return value;
}

export function readAuthSettings(): ExtensionAuthSettings {
  const cloud = userLevel<string>('cloud', 'global');
  // A typo must not quietly send the sign-in to another cloud than the one the user meant.
  if (!isCloudName(cloud)) {
    throw new Error(`Setting accessPolicy.cloud is "${String(cloud)}"; use one of: ${Object.keys(CLOUDS).join(', ')}.`);
  }
  const method = userLevel<string>('signInMethod', 'auto');
  const authorityUrl = loopbackOnly(userLevel<string>('dev.authorityUrl', ''), 'dev.authorityUrl');
  const graphUrl = loopbackOnly(userLevel<string>('dev.graphUrl', ''), 'dev.graphUrl');
  return {
    tenant: userLevel<string>('tenant', '').trim(),
    clientId: userLevel<string>('clientId', '').trim() || DEFAULT_CLIENT_ID,
    cloud,
    method: method === 'browser' || method === 'deviceCode' ? method : 'auto',
    overrides: authorityUrl || graphUrl ? { authorityUrl, graphUrl } : undefined,
  };
}

export const AUTH_SETTING_KEYS = ['tenant', 'clientId', 'cloud', 'signInMethod', 'dev.authorityUrl', 'dev.graphUrl'].map((k) => `${SECTION}.${k}`);
