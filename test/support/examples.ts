// Microsoft's example request bodies, committed under test/fixtures/microsoft/examples, and the one
// way tests turn the docs' "string (identifier)" placeholders into real GUIDs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { positionOf as positionOfNeedle, type Position } from './positions';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const EXAMPLES_DIR = path.join(FIXTURES, 'microsoft', 'examples');
export const PLACEHOLDER = '"string (identifier)"';

export const V1_DIRECT = 'v1-create-direct-assignment.json';
export const V1_MULTISTAGE = 'v1-create-connected-orgs-multistage-review.json';
export const BETA_DIRECT = 'beta-create-direct-assignment.json';
export const BETA_MULTISTAGE = 'beta-create-connected-orgs-multistage.json';
export const BETA_QUESTIONS = 'beta-create-with-questions.json';

export interface Example {
  name: string;
  /** The body as the docs publish it (placeholders included). */
  text: string;
  version: 'v1.0' | 'beta';
}

/** Every docs example, sorted by file name. Fails (never skips) when the folder is empty. */
export function docsExamples(): Example[] {
  const names = readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (names.length === 0) throw new Error(`no docs examples in ${EXAMPLES_DIR}`);
  return names.map((name) => ({
    name,
    text: readFileSync(path.join(EXAMPLES_DIR, name), 'utf8'),
    version: name.startsWith('beta') ? 'beta' : 'v1.0',
  }));
}

/** One docs example by file name, as published. */
export function docsExample(name: string): Example {
  const found = docsExamples().find((e) => e.name === name);
  if (!found) throw new Error(`no docs example ${name} in ${EXAMPLES_DIR}`);
  return found;
}

/** The text of a docs example with GUIDs in place of its placeholders: a body the service accepts. */
export function exampleText(name: string): string {
  return withGuids(docsExample(name).text);
}

/** Replaces each docs placeholder with a distinct, stable GUID (the n-th gets `guid(n)`). */
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

// Names from before the examples moved into the repository, kept so tests written against them
// on other branches still compile after the merge. New tests use docsExamples and
// test/support/positions.ts.
/** @deprecated use docsExamples */
export const sharedExamples = docsExamples;
/** @deprecated use positionOf from test/support/positions.ts */
export function positionOf(text: string, needle: string, after?: string): Position {
  return positionOfNeedle(text, needle, { after });
}
