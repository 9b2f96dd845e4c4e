// Finds the folder configuration that governs some paths: the nearest accesspolicy.config.json in
// the folder of each path or any folder above it (as tsconfig.json and .eslintrc are found). All
// the paths of one command must be governed by the same configuration, or by none.
import { statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from '../../../core/src';
import { EnvironmentError } from './environmentError';

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The config file governing one path (a file or a folder, which need not exist yet), if any. */
export function configFileFor(target: string): string | undefined {
  let dir = path.resolve(target);
  if (!isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The one config file governing all of `targets`, or undefined when none governs any of them. */
export function configFileForAll(targets: string[]): string | undefined {
  const byConfig = new Map<string, string>();
  const without: string[] = [];
  for (const t of targets) {
    const found = configFileFor(t);
    if (found) {
      if (!byConfig.has(found)) byConfig.set(found, t);
    } else without.push(t);
  }
  if (byConfig.size === 0) return undefined;
  if (byConfig.size > 1) {
    const list = [...byConfig].map(([c, t]) => `${t} (${c})`).join(', ');
    throw new EnvironmentError(`The paths belong to different folder configurations: ${list}. Run the command once per folder.`);
  }
  const [config] = byConfig.keys();
  if (without.length)
    throw new EnvironmentError(
      `${without.join(', ')} ${without.length === 1 ? 'is' : 'are'} outside the folder of ${config}; run the command once per folder.`,
    );
  return config;
}
