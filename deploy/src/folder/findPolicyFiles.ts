// Expands the CLI's file and folder arguments into policy files. Folders are walked for
// `*.accesspolicy.json`, skipping dependency and VCS folders; files named explicitly are taken as given.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const POLICY_SUFFIX = '.accesspolicy.json';
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** The order of `localeCompare`, made once: a collator per comparison is slow for big folders. */
const byName = new Intl.Collator();

export interface FileArgResult {
  files: string[];
  /** Arguments that could not be read, with why. */
  unreadable: { arg: string; reason: string }[];
}

export function findPolicyFiles(args: string[]): FileArgResult {
  const files: string[] = [];
  const unreadable: FileArgResult['unreadable'] = [];
  for (const arg of args) {
    let stat;
    try {
      stat = statSync(arg);
    } catch (err) {
      unreadable.push({ arg, reason: errnoText(err) });
      continue;
    }
    if (stat.isDirectory()) walk(arg, files, unreadable);
    else files.push(arg);
  }
  return { files, unreadable };
}

function walk(dir: string, files: string[], unreadable: FileArgResult['unreadable']): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    unreadable.push({ arg: dir, reason: errnoText(err) });
    return;
  }
  entries.sort((a, b) => byName.compare(a.name, b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walk(full, files, unreadable);
    } else if (e.isFile() && e.name.endsWith(POLICY_SUFFIX)) {
      files.push(full);
    }
  }
}

export function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder';
    default: return err instanceof Error ? err.message : String(err);
  }
}
