// Expands the CLI's file and folder arguments into policy files. Folders are walked for
// `*.accesspolicy.json`, skipping dependency and VCS folders, and following symbolic links (each
// real folder is walked once, so a link loop ends); files named explicitly are taken as given.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../../../core/src';

export const POLICY_SUFFIX = '.accesspolicy.json';
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** The folder `pull` stages new files in (pullStage.ts): its files are not policies of the folder yet. */
export const PULL_STAGE_DIR = /^\.pull\.accesspolicy\.json\.[0-9a-f]{12}\.tmp$/;
/** The order of `localeCompare`, made once: a collator per comparison is slow for big folders. */
const byName = new Intl.Collator();

export interface FileArgResult {
  files: string[];
  /** Arguments that could not be read, with why. */
  unreadable: { arg: string; reason: string }[];
  /** Folders named as arguments that hold no policy file: an error (likely a wrong path). */
  empty: string[];
}

export function findPolicyFiles(args: string[]): FileArgResult {
  const result: FileArgResult = { files: [], unreadable: [], empty: [] };
  const walked = new Set<string>();
  for (const arg of args) {
    let stat;
    try {
      stat = statSync(arg);
    } catch (err) {
      result.unreadable.push({ arg, reason: errnoText(err) });
      continue;
    }
    if (stat.isDirectory()) {
      const before = result.files.length + result.unreadable.length;
      walk(arg, result, walked);
      if (result.files.length + result.unreadable.length === before) result.empty.push(arg);
    } else {
      result.files.push(arg);
    }
  }
  return result;
}

function walk(dir: string, result: FileArgResult, walked: Set<string>): void {
  let entries;
  try {
    const real = realpathSync(dir);
    if (walked.has(real)) return;
    walked.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    result.unreadable.push({ arg: dir, reason: errnoText(err) });
    return;
  }
  entries.sort((a, b) => byName.compare(a.name, b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let kind: 'dir' | 'file' | undefined = e.isDirectory() ? 'dir' : e.isFile() ? 'file' : undefined;
    if (e.isSymbolicLink()) {
      let target: Stats | undefined;
      try {
        target = statSync(full);
      } catch (err) {
        // A dangling link named as a policy is a policy file that cannot be read.
        if (e.name.endsWith(POLICY_SUFFIX)) result.unreadable.push({ arg: full, reason: errnoText(err) });
        continue;
      }
      kind = target.isDirectory() ? 'dir' : target.isFile() ? 'file' : undefined;
    }
    if (kind === 'dir') {
      if (!SKIPPED_DIRS.has(e.name) && !PULL_STAGE_DIR.test(e.name)) walk(full, result, walked);
    } else if (kind === 'file' && e.name.endsWith(POLICY_SUFFIX)) {
      result.files.push(full);
    }
  }
}

export function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return errorMessage(err);
  }
}
