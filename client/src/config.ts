// Reads `accessPolicy.*` settings through their one description (common/src/settings.ts), typed by
// it: no key or section is spelled anywhere else in the client.
import * as vscode from 'vscode';
import { SETTINGS_SECTION, settingId, type Setting } from '../../common/src';

/** The setting's effective value (workspace over user, as VS Code resolves it). */
export function readSetting<T>(s: Setting<T>): T {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<T>(s.key, s.default);
}

/**
 * The user's own value (or the default), ignoring workspace and folder values: for the settings
 * that decide where a token goes, so a cloned workspace's `.vscode/settings.json` can never
 * redirect one, whatever the manifest's `scope` lets VS Code accept.
 */
export function readUserSetting<T>(s: Setting<T>): T {
  const i = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<T>(s.key);
  return i?.globalValue ?? i?.defaultValue ?? s.default;
}

/** Whether a configuration change touches any of `settings`. */
export function affectsAny(event: vscode.ConfigurationChangeEvent, settings: readonly Setting<unknown>[]): boolean {
  return settings.some((s) => event.affectsConfiguration(settingId(s)));
}
