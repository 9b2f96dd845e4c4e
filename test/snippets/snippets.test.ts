// The contributed snippets: every one, inserted with its defaults and real object ids typed into
// its id placeholders, is a policy the validator (schema and service rules) accepts, in the API
// version its prefix promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { validatePolicy } from '../../core/src/validate';
import { defaultVariables, expandSnippet } from './expand';

const ROOT = path.resolve(__dirname, '..', '..');
const SNIPPETS_FILE = path.join(ROOT, 'snippets', 'accesspolicy.code-snippets');
const GUID_DEFAULT = '00000000-0000-0000-0000-000000000000';

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

const snippets = Object.entries(JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, Snippet>);

/** What a user does: accept every default, but put real object ids where the GUID hints are. */
function insert(s: Snippet): { text: string; guids: string[]; stops: number[] } {
  const guids: string[] = [];
  const stops: number[] = [];
  const text = expandSnippet(s.body, {
    tabStop: (i, def) => {
      stops.push(i);
      if (def !== GUID_DEFAULT) return undefined;
      const id = randomUUID();
      guids.push(id);
      return id;
    },
  });
  return { text, guids, stops };
}

test('package.json contributes the snippets file for the accesspolicy language', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const entry = (pkg.contributes.snippets as { language: string; path: string }[]).find((s) => s.language === 'accesspolicy');
  assert.ok(entry, 'a snippets contribution for accesspolicy');
  assert.equal(path.resolve(ROOT, entry.path), SNIPPETS_FILE);
});

test('each snippet has a unique prefix (ap-… for v1.0, ap-beta-… for beta), a body and a description', () => {
  const prefixes = snippets.map(([, s]) => s.prefix);
  assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
  for (const [name, s] of snippets) {
    assert.match(s.prefix, /^ap-/, name);
    assert.ok(Array.isArray(s.body) && s.body.length > 5, name);
    assert.ok(s.description.length > 20, name);
  }
});

test('the policies people write are all there, in both versions where the API allows', () => {
  const prefixes = new Set(snippets.map(([, s]) => s.prefix));
  for (const kind of ['direct', 'self-service-manager', 'multistage-escalation', 'connected-orgs', 'quarterly-review', 'questions']) {
    assert.ok(prefixes.has(`ap-${kind}`), `v1.0 ${kind}`);
    assert.ok(prefixes.has(`ap-beta-${kind}`), `beta ${kind}`);
  }
  assert.ok(prefixes.has('ap-auto-assignment'));
  assert.ok(!prefixes.has('ap-beta-auto-assignment'), 'beta cannot express auto-assignment');
  const auto = snippets.find(([, s]) => s.prefix === 'ap-auto-assignment')![1];
  assert.match(auto.description, /beta.*cannot/i);
});

for (const [name, s] of snippets) {
  test(`snippet ${s.prefix} inserts a valid ${s.prefix.startsWith('ap-beta-') ? 'beta' : 'v1.0'} policy`, () => {
    const { text, guids, stops } = insert(s);
    const numbered = stops.filter((i) => i > 0).sort((a, b) => a - b);
    assert.deepEqual(
      numbered,
      numbered.map((_, k) => k + 1),
      `${name}: tab stops are numbered 1..n without gaps`,
    );
    assert.ok(guids.length > 0, `${name}: the ids are tab stops with a GUID-shaped hint`);
    for (const g of guids) assert.ok(text.includes(g));
    assert.ok(!text.includes(GUID_DEFAULT), `${name}: every GUID hint is a tab stop`);
    const result = validatePolicy(text);
    const expected = s.prefix.startsWith('ap-beta-') ? 'beta' : 'v1.0';
    assert.equal(result.apiVersion, expected, name);
    assert.equal(result.apiVersionSource, 'schema', `${name}: $schema names the version`);
    const problems = result.diagnostics.filter((d) => d.severity !== 'information');
    assert.deepEqual(
      problems.map((d) => `${d.severity} ${d.code} ${d.message}`),
      [],
      `${name}:\n${text}`,
    );
    assert.deepEqual(result.internalErrors, []);
  });
}

// ---- the expander itself, so the tests above read snippets the way VS Code does

test('expander: tab stops, defaults, nesting, choices, mirrors, variables and escapes', () => {
  assert.equal(expandSnippet('a$1b$0c'), 'abc');
  assert.equal(expandSnippet('${1:x} and ${2:y ${3:z}}'), 'x and y z');
  assert.equal(expandSnippet('${1|keepAccess,removeAccess|}'), 'keepAccess');
  assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  assert.equal(expandSnippet('${1:same} ${1}'), 'same same');
  assert.equal(expandSnippet('\\$schema \\} \\\\'), '$schema } \\');
  assert.equal(expandSnippet('${1:(a -eq \\\\"S\\\\")}'), '(a -eq \\"S\\")');
  assert.equal(expandSnippet('$CURRENT_YEAR-${CURRENT_MONTH}', { variables: { CURRENT_YEAR: '2030', CURRENT_MONTH: '04' } }), '2030-04');
  assert.equal(expandSnippet('${UNKNOWN_VAR:fallback}'), 'fallback');
  assert.equal(expandSnippet('${1:a}', { tabStop: (i, d) => `${i}${d}` }), '1a');
  assert.match(defaultVariables(new Date(2030, 0, 5)).CURRENT_DATE, /^05$/);
  assert.throws(() => expandSnippet('${1:open'), /unclosed/);
});
