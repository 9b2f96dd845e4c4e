// Every policy body the repository holds: each snippet inserted with its defaults, and every JSON
// fixture under a test fixtures folder. explain's tests run over all of them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expandSnippet } from '../snippets/expand';

export const ROOT = path.resolve(__dirname, '..', '..');

const FIXED_VARIABLES = {
  CURRENT_YEAR: '2026',
  CURRENT_YEAR_SHORT: '26',
  CURRENT_MONTH: '12',
  CURRENT_DATE: '01',
  CURRENT_HOUR: '09',
  CURRENT_MINUTE: '00',
  CURRENT_SECOND: '00',
  TM_FILENAME: 'policy.accesspolicy.json',
};

export interface CorpusEntry {
  name: string;
  text: string;
}

export function snippetBodies(): CorpusEntry[] {
  const file = path.join(ROOT, 'snippets', 'accesspolicy.code-snippets');
  const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string; body: string[] }>;
  // Fixed date variables: the summaries (and the golden files) must not change with the clock.
  return Object.values(snippets).map((s) => ({ name: `snippet ${s.prefix}`, text: expandSnippet(s.body, { variables: FIXED_VARIABLES }) }));
}

function walk(dir: string, inFixtures: boolean, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, inFixtures || name === 'fixtures', out);
    else if (inFixtures && name.endsWith('.json')) out.push(full);
  }
}

export function fixtureBodies(): CorpusEntry[] {
  const files: string[] = [];
  walk(path.join(ROOT, 'test'), false, files);
  return (
    files
      .map((f) => ({ name: path.relative(ROOT, f), text: readFileSync(f, 'utf8') }))
      // Only policy bodies: a fixture folder may also hold settings or expected outputs.
      .filter((e) => /"(displayName|requestApprovalSettings|accessPackageId|accessPackage)"/.test(e.text))
  );
}

export function corpus(): CorpusEntry[] {
  return [...snippetBodies(), ...fixtureBodies()];
}
