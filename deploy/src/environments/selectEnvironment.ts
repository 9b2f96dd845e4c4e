// The environment a command runs in: the folder configuration governing its paths, read and
// checked, and the environment named by --env (or the editor's picker) in it, with its tenant,
// cloud, `${var:name}` values and ids file. Without a configuration there is no environment and
// everything works as in a folder without one; with one, an environment must be chosen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, valuesFor, CONFIG_FILE_NAME, type AccessPolicyConfig } from '../../../core/src';
import { isCloudName, type CloudName } from '../cloud';
import { EnvironmentError } from './environmentError';
import { configFileForAll } from './findConfig';
import { IdsFile } from './idsFile';

export interface ActiveEnvironment {
  name: string;
  /** Tenant id or domain, as the configuration gives it. */
  tenant: string;
  cloud: CloudName;
  /** `${var:name}` → this environment's value (valuesFor). */
  values: Record<string, string>;
  configFile: string;
  /** The configuration's folder: ids file keys are relative to it. */
  folder: string;
  ids: IdsFile;
}

/** Reads and checks a configuration file; an invalid one is an EnvironmentError listing every error. */
export function readConfigFile(configFile: string): AccessPolicyConfig {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (e) {
    throw new EnvironmentError(`Cannot read ${configFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`);
  }
  const { config, diagnostics } = parseConfig(text);
  if (!config) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const lines = errors.map((d) => `  ${configFile}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
    throw new EnvironmentError(
      `${configFile} is not valid (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
  }
  return config;
}

/** The named environment of a configuration; an unknown name is an EnvironmentError naming the known ones. */
export function environmentOf(config: AccessPolicyConfig, name: string, configFile: string): ActiveEnvironment {
  const env = Object.prototype.hasOwnProperty.call(config.environments, name) ? config.environments[name] : undefined;
  const known = Object.keys(config.environments);
  if (!env) {
    const close = known.find((k) => k.toLowerCase() === name.toLowerCase());
    throw new EnvironmentError(
      `${configFile} has no environment "${name}"${close ? ` (did you mean "${close}"?)` : ''}; it has ${known.map((k) => `"${k}"`).join(', ')}.`,
    );
  }
  // The schema allows only the known clouds, so this holds for every valid configuration.
  if (!isCloudName(env.cloud)) throw new EnvironmentError(`${configFile}: environment "${name}" names unknown cloud "${env.cloud}".`);
  const folder = path.dirname(configFile);
  return { name, tenant: env.tenant, cloud: env.cloud, values: valuesFor(config, name), configFile, folder, ids: IdsFile.load(folder) };
}

/**
 * The environment for a command on `targets` (policy files, folders, or pull's --out folder):
 * undefined without a configuration and without `envName`; otherwise the named environment, or an
 * EnvironmentError (no configuration for --env, no --env for a configuration, unknown or invalid).
 */
export function selectEnvironment(targets: string[], envName: string | undefined): ActiveEnvironment | undefined {
  const configFile = configFileForAll(targets.length ? targets : ['.']);
  if (!configFile) {
    if (envName === undefined) return undefined;
    throw new EnvironmentError(
      `--env ${envName}: no ${CONFIG_FILE_NAME} in ${targets.length ? targets.join(', ') : 'this folder'} or any folder above; environments are named there (docs/environments.md).`,
    );
  }
  const config = readConfigFile(configFile);
  if (envName === undefined) {
    throw new EnvironmentError(
      `${configFile} names environments (${Object.keys(config.environments).join(', ')}): choose one with --env NAME.`,
    );
  }
  return environmentOf(config, envName, configFile);
}
