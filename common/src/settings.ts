// Every `accessPolicy.*` setting, once: its key, type, default, scope and allowed values. The
// client reads settings only through these (client/src/config.ts), the server receives the part it
// needs as `ServerSettings`, and test/client/manifest.test.ts checks package.json's
// `contributes.configuration` (and the untrusted-workspace list) against this table.
import type { ApiVersion } from '../../core/src';
import type { CloudName } from '../../deploy/src';

/** The configuration section. It is also the language client's id, which names `accessPolicy.trace.server`. */
export const SETTINGS_SECTION = 'accessPolicy';

/**
 * `window`: may differ per workspace. `application`: user settings only; used for every setting
 * that chooses where a token goes or how the user signs in, so a cloned repository's
 * `.vscode/settings.json` can never redirect a sign-in (the client also reads them from the user
 * level only).
 */
export type SettingScope = 'window' | 'application';

export interface Setting<T> {
  /** The key under the section, e.g. `validate.enable` for `accessPolicy.validate.enable`. */
  readonly key: string;
  readonly type: 'boolean' | 'string';
  readonly default: T;
  readonly scope: SettingScope;
  /** The allowed values, in the order the settings editor lists them. */
  readonly values?: readonly T[];
  /** A value that chooses where a token goes: off in untrusted workspaces (`restrictedConfigurations`). */
  readonly restricted?: boolean;
}

const setting = <T>(s: Setting<T>): Setting<T> => s;

export const SETTINGS = {
  validateEnable: setting<boolean>({ key: 'validate.enable', type: 'boolean', default: true, scope: 'window' }),
  // Lookups send ids and names to the signed-in tenant's Graph: the user's own choice, not a workspace's.
  tenantLookups: setting<boolean>({ key: 'tenantLookups.enable', type: 'boolean', default: true, scope: 'application' }),
  defaultApiVersion: setting<ApiVersion>({
    key: 'defaultApiVersion',
    type: 'string',
    default: 'v1.0',
    scope: 'window',
    values: ['v1.0', 'beta'],
  }),
  traceServer: setting<'off' | 'messages' | 'verbose'>({
    key: 'trace.server',
    type: 'string',
    default: 'off',
    scope: 'window',
    values: ['off', 'messages', 'verbose'],
  }),
  tenant: setting<string>({ key: 'tenant', type: 'string', default: '', scope: 'application', restricted: true }),
  clientId: setting<string>({ key: 'clientId', type: 'string', default: '', scope: 'application', restricted: true }),
  // The cloud names are deploy/src/cloud.ts's CLOUDS; the manifest test holds the enum to them.
  cloud: setting<CloudName>({ key: 'cloud', type: 'string', default: 'global', scope: 'application', restricted: true }),
  signInMethod: setting<SignInMethodSetting>({
    key: 'signInMethod',
    type: 'string',
    default: 'auto',
    scope: 'application',
    values: ['auto', 'browser', 'deviceCode'],
  }),
  devAuthorityUrl: setting<string>({ key: 'dev.authorityUrl', type: 'string', default: '', scope: 'application', restricted: true }),
  devGraphUrl: setting<string>({ key: 'dev.graphUrl', type: 'string', default: '', scope: 'application', restricted: true }),
} as const;

export type SignInMethodSetting = 'auto' | 'browser' | 'deviceCode';

export type SettingName = keyof typeof SETTINGS;

/** The full name a user types in settings.json, e.g. `accessPolicy.tenant`. */
export function settingId(s: Setting<unknown>): string {
  return `${SETTINGS_SECTION}.${s.key}`;
}

/** The settings sign-in depends on: a change to any of them re-reads the signed-in account. */
export const SIGN_IN_SETTINGS: readonly Setting<unknown>[] = [
  SETTINGS.tenant,
  SETTINGS.clientId,
  SETTINGS.cloud,
  SETTINGS.signInMethod,
  SETTINGS.devAuthorityUrl,
  SETTINGS.devGraphUrl,
];

/**
 * What the server needs of the settings. The client sends them in `initializationOptions` and the
 * whole section on every change (`synchronize.configurationSection`), nested by key as VS Code does.
 */
export interface ServerSettings {
  validate?: { enable?: boolean };
  /** Hover and AP4120 from the signed-in tenant (the client answers the lookups). */
  tenantLookups?: { enable?: boolean };
  /** Version assumed when neither `$schema` nor the body's shape decides. */
  defaultApiVersion?: ApiVersion;
}
