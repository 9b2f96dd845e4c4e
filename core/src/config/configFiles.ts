// The names of the two files that make a folder one with environments. One place, for the CLI,
// the deploy core, the language server and the extension.

/** The folder configuration: environments (tenant, cloud) and per-environment values. JSONC. */
export const CONFIG_FILE_NAME = 'accesspolicy.config.json';

/** Beside the config: the deployed policy ids, per policy file and environment. Written by deploy/apply. */
export const IDS_FILE_NAME = 'accesspolicy.ids.json';

/** True when a path (or URI) names a folder configuration file. */
export function isConfigFilePath(pathOrUri: string): boolean {
  const base =
    pathOrUri
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return decodeURIComponentSafe(base).toLowerCase() === CONFIG_FILE_NAME;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
