// Reads the sign-in settings. Settings that decide where a token goes (tenant, client id, cloud,
// dev URLs) are application-scoped in package.json; here they are also read from the user level
// only, so a cloned workspace's .vscode/settings.json can never redirect a token.
import {
  CLOUDS,
  isCloudName,
  loopbackOverrideProblem,
  type CloudName,
  type EndpointOverrides,
  DEFAULT_CLIENT_ID,
} from '../../../deploy/src';
import { SETTINGS, settingId, type Setting, type SignInMethodSetting } from '../../../common/src';
import { readUserSetting } from '../config';

export interface ExtensionAuthSettings {
  tenant: string;
  clientId: string;
  cloud: CloudName;
  method: SignInMethodSetting;
  overrides?: EndpointOverrides;
}

/**
 * Dev overrides must point at this machine: the same rule as the sign-in core and the CLI
 * (loopbackOverrideProblem). The CLI also takes a cloud's own host, which here is the `cloud`
 * setting's job.
 */
function loopbackOnly(setting: Setting<string>): string | undefined {
  const value = readUserSetting(setting);
  if (!value) return undefined;
  const problem = loopbackOverrideProblem(value);
  if (problem)
    throw new Error(
      `Setting ${settingId(setting)} must be a loopback URL such as http://127.0.0.1:8400 (a local tenant stand-in): ${problem}.`,
    );
  return value;
}

export function readAuthSettings(): ExtensionAuthSettings {
  // Read as a string: a typo in settings.json is not a CloudName.
  const cloud: string = readUserSetting(SETTINGS.cloud);
  // A typo must not quietly send the sign-in to another cloud than the one the user meant.
  if (!isCloudName(cloud)) {
    throw new Error(`Setting ${settingId(SETTINGS.cloud)} is "${String(cloud)}"; use one of: ${Object.keys(CLOUDS).join(', ')}.`);
  }
  const method: string = readUserSetting(SETTINGS.signInMethod);
  const authorityUrl = loopbackOnly(SETTINGS.devAuthorityUrl);
  const graphUrl = loopbackOnly(SETTINGS.devGraphUrl);
  return {
    tenant: readUserSetting(SETTINGS.tenant).trim(),
    clientId: readUserSetting(SETTINGS.clientId).trim() || DEFAULT_CLIENT_ID,
    cloud,
    method: method === 'browser' || method === 'deviceCode' ? method : 'auto',
    overrides: authorityUrl || graphUrl ? { authorityUrl, graphUrl } : undefined,
  };
}
