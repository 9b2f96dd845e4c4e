// Microsoft's example request bodies, from the shared folder beside the repository. Tests that use
// them say plainly when the folder is missing instead of passing without checking anything.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED_EXAMPLES = path.resolve(REPO_ROOT, '..', 'shared', 'examples');
export const PLACEHOLDER = '"string (identifier)"';

export interface Example {
  name: string;
  text: string;
  version: 'v1.0' | 'beta';
}

export function sharedExamples(): Example[] {
  if (!existsSync(SHARED_EXAMPLES)) {
    throw new Error(`The shared examples folder ${SHARED_EXAMPLES} is missing: these tests check Microsoft's example bodies and cannot run without it.`);
  }
  return readdirSync(SHARED_EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      text: readFileSync(path.join(SHARED_EXAMPLES, name), 'utf8'),
      version: name.startsWith('beta') ? 'beta' : 'v1.0',
    }));
}

/** Replaces each docs placeholder with a distinct, stable GUID. */
export function withGuids(text: string): string {
  let n = 0;
  return text.split(PLACEHOLDER).reduce((acc, part) => {
    n++;
    return acc + `"${guid(n)}"` + part;
  });
}

export function guid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** 0-based line/character of the first occurrence of `needle` (after `from` occurrences of `after`). */
export function positionOf(text: string, needle: string, after?: string): { line: number; character: number } {
  const start = after ? text.indexOf(after) : 0;
  const offset = text.indexOf(needle, start < 0 ? 0 : start);
  if (offset < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
