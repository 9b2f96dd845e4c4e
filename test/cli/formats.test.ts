// The real `dist/cli.js validate` process in the formats reviewers' tools read: SARIF 2.1.0
// (checked against the OASIS schema) and GitHub Actions workflow commands.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'workspace');
const scratch = mkdtempSync(path.join(tmpdir(), 'ap-formats-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: scratch });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'test', 'support', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  // Draft-04 → draft-07: the schema uses no other draft-04-only keyword (test/support/sarif/README.md).
  schema.$id = schema.id;
  delete schema.id;
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  // unicodeRegExp off: one of the schema's patterns (language tags) is not valid in unicode mode.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  // A plain boolean (not ajv's type guard), so the log keeps its type after the check.
  const valid = (log: unknown): boolean => check(log);
  return Object.assign(valid, {
    get errors() {
      return check.errors;
    },
  });
}

type SarifLog = any;

/** A v1.0 file with an error (AP1003 on allowedTargetScope) and an information finding (AP2042), in a sub folder. */
function badFile(name = 'bad.accesspolicy.json'): { file: string; rel: string; text: string } {
  mkdirSync(path.join(scratch, 'policies'), { recursive: true });
  const rel = path.join('policies', name);
  const text = readFileSync(path.join(FIXTURES, 'v1-connected-orgs-multistage-review.accesspolicy.json'), 'utf8')
    .replace('"allConfiguredConnectedOrganizationUsers"', '"allConfiguredConnectedOrganisationUsers"')
    .replace('"userId": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4"', '"userId": "7deff43e-1f17-44ef-9e5f-d516b0ba11d4", "description": "who"');
  writeFileSync(path.join(scratch, rel), text);
  return { file: path.join(scratch, rel), rel, text };
}

interface JsonReport {
  file: string;
  diagnostics: {
    severity: string;
    code: string;
    message: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
}

test('--format sarif is valid SARIF 2.1.0 with one rule per code, exact regions and levels', () => {
  const { rel } = badFile();
  const r = run('validate', '--format', 'sarif', rel);
  assert.equal(r.code, 1, r.stderr);
  const log: SarifLog = JSON.parse(r.stdout);
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  const rules = run0.tool.driver.rules as {
    id: string;
    shortDescription: { text: string };
    helpUri: string;
    defaultConfiguration: { level: string };
  }[];
  // One rule per code in docs/rules.md, each linking to its own anchor there.
  const doc = readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
  const documented = [...doc.matchAll(/^\| (AP\d{4}) \|/gm)].map((m) => m[1]);
  assert.deepEqual(
    rules.map((x) => x.id),
    documented,
  );
  for (const rule of rules) {
    assert.ok(rule.shortDescription.text.length > 5, rule.id);
    assert.doesNotMatch(rule.shortDescription.text, /<a id=|`/, 'plain text');
    const anchor = rule.helpUri.split('#')[1];
    assert.equal(anchor, rule.id.toLowerCase());
    assert.ok(doc.includes(`<a id="${anchor}"></a>`), `docs/rules.md has the anchor #${anchor}`);
  }
  // Each rule's level is its row's severity (the first one named, e.g. "information on create; error …").
  for (const rule of rules) {
    const severity = new RegExp(`^\\| ${rule.id} \\|[^|]*\\|\\s*[^|]*?\\b(error|warning|information)\\b`, 'm').exec(doc)![1];
    assert.equal(rule.defaultConfiguration.level, severity === 'information' ? 'note' : severity, rule.id);
  }
  assert.equal(rules.find((x) => x.id === 'AP1003')!.defaultConfiguration.level, 'error');

  // The same findings as --format json, at the same places (SARIF: 1-based, end column exclusive).
  const json = JSON.parse(run('validate', '--format', 'json', rel).stdout) as JsonReport[];
  const expected = json[0].diagnostics;
  assert.equal(run0.results.length, expected.length);
  run0.results.forEach(
    (
      res: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      },
      i: number,
    ) => {
      const d = expected[i];
      assert.equal(res.ruleId, d.code);
      assert.equal(rules[res.ruleIndex].id, d.code);
      assert.equal(res.level, d.severity === 'information' ? 'note' : d.severity);
      assert.equal(res.message.text, d.message);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'policies/bad.accesspolicy.json');
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.deepEqual(loc.region, {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      });
    },
  );
  assert.ok(run0.results.some((x: { ruleId: string; level: string }) => x.ruleId === 'AP1003' && x.level === 'error'));
  assert.ok(run0.results.some((x: { ruleId: string; level: string }) => x.ruleId === 'AP2042' && x.level === 'note'));
});

test('--format sarif for a clean file is a valid log with no results; an unreadable file is a failed invocation', () => {
  const clean = run('validate', '--format', 'sarif', path.join(FIXTURES, 'v1-direct-assignment.accesspolicy.json'));
  assert.equal(clean.code, 0, clean.stderr);
  const log: SarifLog = JSON.parse(clean.stdout);
  assert.ok(sarifValidator()(log));
  assert.deepEqual(log.runs[0].results, []);
  const missing = run('validate', '--format', 'sarif', 'missing.accesspolicy.json');
  assert.equal(missing.code, 2);
  const failed: SarifLog = JSON.parse(missing.stdout);
  assert.ok(sarifValidator()(failed));
  assert.equal(failed.runs[0].invocations[0].executionSuccessful, false);
  assert.match(failed.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /cannot read missing\.accesspolicy\.json/);
});

test('--format sarif names a file outside the working folder by its file: URI', () => {
  const outside = path.join(FIXTURES, 'beta-with-questions.accesspolicy.json');
  const log: SarifLog = JSON.parse(run('validate', '--format', 'sarif', outside).stdout);
  const uri = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
  assert.equal(uri, new URL(`file://${outside}`).href);
});

test('--format github prints one workflow command per finding, positions exact', () => {
  const { rel } = badFile();
  const r = run('validate', '--format', 'github', rel);
  assert.equal(r.code, 1, r.stderr);
  const json = JSON.parse(run('validate', '--format', 'json', rel).stdout) as JsonReport[];
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, json[0].diagnostics.length);
  json[0].diagnostics.forEach((d, i) => {
    const kind = d.severity === 'information' ? 'notice' : d.severity;
    assert.equal(
      lines[i],
      `::${kind} file=policies/bad.accesspolicy.json,line=${d.range.start.line + 1},col=${d.range.start.character + 1},endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1},title=${d.code}::${d.message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`,
    );
  });
  assert.ok(lines.some((l) => l.startsWith('::error ') && l.includes('title=AP1003::')));
  assert.ok(
    lines.some((l) => l.startsWith('::notice ') && l.includes('title=AP2042::')),
    'information is a notice',
  );
});

test('--format github escapes %, CR, LF in the message and also : and , in properties', () => {
  mkdirSync(path.join(scratch, 'odd'), { recursive: true });
  const rel = path.join('odd', 'a,b:c%d.accesspolicy.json');
  // An unknown property whose name holds %, CR and LF: the message quotes the name as it is.
  writeFileSync(
    path.join(scratch, rel),
    JSON.stringify(
      {
        displayName: 'x',
        accessPackage: { id: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' },
        allowedTargetScope: 'allMemberUsers',
        'a50%\r\nb': 1,
      },
      null,
      2,
    ),
  );
  const r = run('validate', '--format', 'github', rel);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout.split('\n').length, 2, 'one command, one line');
  const line = r.stdout.split('\n')[0];
  assert.ok(line.startsWith('::error file=odd/a%2Cb%3Ac%25d.accesspolicy.json,line=7,'), line);
  assert.ok(line.includes(',title=AP1001::'), line);
  const message = line.slice(line.indexOf('::', 2) + 2);
  assert.doesNotMatch(message, /[\r\n]/);
  assert.match(message, /a50%25%0D%0Ab/);
  // Decoding gives the message back exactly.
  const json = JSON.parse(run('validate', '--format', 'json', rel).stdout) as JsonReport[];
  const d = json[0].diagnostics.find((x) => x.code === 'AP1001')!;
  assert.equal(decodeURIComponent(message), d.message);
});

test('an unknown --format names the formats there are', () => {
  const r = run('validate', '--format', 'xml', 'x.accesspolicy.json');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format must be text, json, sarif, github, not "xml"/);
});
