// Positions of findings on valid JSON come from a scan along the path (core/src/locate.ts) instead
// of the syntax tree. Both must underline the same text: for every path in the fixtures and in
// fuzzed documents (and paths that do not exist, which fall back to the nearest ancestor), with
// and without preferring the key, the scan gives exactly the tree's answer, also when it reuses
// what earlier scans of the same document skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ParsedPolicy, type JsonPath } from '../../core/src/parse';
import { LARGE_TEXT_CHARS } from '../../core/src/jsonText';
import { fuzzDocument, rng } from '../support/fuzz';
import { REPO_ROOT } from '../support/examples';

const DIRS = ['test/fixtures/workspace', 'test/fixtures/microsoft/examples', 'test/fixtures/real-world'];

function pathsIn(value: unknown, prefix: JsonPath, out: JsonPath[]): void {
  out.push(prefix, [...prefix, 'notThere'], [...prefix, 7]);
  if (Array.isArray(value)) value.forEach((v, i) => pathsIn(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) pathsIn(v, [...prefix, k], out);
}

test('the scan finds the same node as the syntax tree for every path, existing or not', () => {
  const texts = DIRS.flatMap((d) =>
    readdirSync(path.join(REPO_ROOT, d))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(path.join(REPO_ROOT, d, f), 'utf8')),
  );
  const r = rng(4242);
  const seeds = [...texts];
  for (let n = 0; n < 600; n++) texts.push(fuzzDocument(n, seeds, r));
  // Duplicate keys: the first one is the node, as findNodeAtLocation has it.
  texts.push('{"a": 1, "a": {"b": [true, null, "x"]}, "c": {}}', '[]', '"just a string"', '{"k": [[], [{}], -1.5e3]}');
  // Comments (as pull writes one at the top): the scan reads the text with them blanked out.
  for (const t of seeds.slice(0, 12)) {
    texts.push(
      '// Catalog: a · Access package: b\n' + t,
      t.replace(/,\n/g, (m, at: number) => (at % 3 ? m : ', /* a, "b" ] } */\n')) + '// end',
    );
  }
  // Skipped lists are read by characters: brackets and quotes inside strings are not structure.
  texts.push(String.raw`{"s": ["]}", "\\", "\"[{", {"k]": "\\\"}"}], "t": {"u\"": ["\u005d"]}, "v": 1}`);
  // Keys are compared by their characters, and by their value when they have escapes: an escaped
  // key is the same key (the first of two is the node), a backslash in a key is no escape of the name.
  texts.push(
    String.raw`{"a\u0062": {"c": 1}, "ab": 2, "d\\e": [3], "f\"": {"g": [true, false, null, -0.5E+2]}, "": 4}`,
    '{\n\t"x" :\r\n [ 1 ,2\t] , "y":{ }\n}\n',
  );
  // Lists longer than one native search takes at a time (scalars, strings with brackets and escapes, flat objects).
  const long = Array.from({ length: 700 }, (_, i) =>
    i % 3 === 0 ? `"x]{\\"${i}\\\\"` : i % 3 === 1 ? String(i) : `{"k": "v${i}", "n": null}`,
  );
  texts.push(`{"a": [${long.join(', ')}], "b": {"c": [1]}, "d": "${' '.repeat(3000)}"}`);
  let compared = 0;
  for (const text of texts) {
    const probe = new ParsedPolicy(text);
    if (probe.parseErrors.length > 0) continue; // the scan is only used for text JSON.parse accepts (once comments are blanked)
    const paths: JsonPath[] = [];
    pathsIn(probe.value, [], paths);
    const tree = new ParsedPolicy(text);
    void tree.root; // built: answers come from the tree
    // One document for all its paths, as for a file's findings: later scans reuse what earlier ones skipped.
    const scan = new ParsedPolicy(text);
    for (const p of paths.slice(0, 150)) {
      for (const preferKey of [false, true]) {
        const scanned = scan.rangeNodeAt(p, preferKey);
        assert.deepEqual(
          scanned,
          tree.rangeNodeAt(p, preferKey),
          `${JSON.stringify(p)} preferKey=${preferKey} in:\n${text.slice(0, 1500)}`,
        );
        compared++;
      }
    }
  }
  assert.ok(compared > 10_000, `paths compared: ${compared}`);
});

test('in a large text, a root key after a long list is found by searching for it, with the same answers as the tree', () => {
  // Enough flat targets to pass the size from which root keys are searched for.
  const count = Math.ceil(LARGE_TEXT_CHARS / 60) + 10;
  // `nested` goes into a target near the list's end: past the middle of the text, where the search is tried.
  const targets = (nested: string) =>
    Array.from(
      { length: count },
      (_, i) => `{"@odata.type": "#microsoft.graph.groupMembers", "groupId": "g${i}"${i === count - 3 ? nested : ''}}`,
    );
  const tail = '"requestApprovalSettings": {"isApprovalRequiredForAdd": true, "stages": [{"primaryApprovers": []}]}, "questions": []';
  const texts = [
    // The plain case: the approval settings after the list.
    `{"specificAllowedTargets": [${targets('').join(',\n')}],\n${tail}}\n`,
    // The same name nested inside the list first: that one is not the root's key.
    `{"specificAllowedTargets": [${targets(', "requestApprovalSettings": {"stages": 1}').join(',')}], ${tail}}`,
    // A second key of the same name: the first is the node, as findNodeAtLocation has it.
    `{"specificAllowedTargets": [${targets('').join(',')}], ${tail}, "requestApprovalSettings": {"x": 1}}`,
    // A backslash before the key (an escaped quote, an escaped name): read from the start instead.
    `{"specificAllowedTargets": [${targets(', "d": "\\"requestApprovalSettings"').join(',')}], ${tail}}`,
    `{"specificAllowedTargets": [${targets('').join(',')}], "\\u0072equestApprovalSettings": {"y": 2}, ${tail}}`,
    // The name in a string value, not as a key.
    `{"specificAllowedTargets": [${targets(', "d": "requestApprovalSettings"').join(',')}], "n": "requestApprovalSettings", ${tail}}`,
    // Near the start: reading from the start is cheaper, and the answer is the same.
    `{${tail}, "specificAllowedTargets": [${targets('').join(',')}]}`,
    // Absent, with and without a backslash anywhere.
    `{"specificAllowedTargets": [${targets('').join(',')}], "questions": []}`,
    `{"specificAllowedTargets": [${targets(', "d": "a\\\\b"').join(',')}], "questions": []}`,
  ];
  const paths: JsonPath[] = [
    ['requestApprovalSettings'],
    ['requestApprovalSettings', 'stages', 0, 'primaryApprovers'],
    ['requestApprovalSettings', 'stages', 3],
    ['requestApprovalSettings', 'notThere'],
    ['questions'],
    ['questions', 0],
    ['notThere'],
    ['notThere', 'deeper'],
    ['specificAllowedTargets', count - 3, 'groupId'],
    ['specificAllowedTargets', count - 3, 'requestApprovalSettings'],
  ];
  for (const text of texts) {
    assert.ok(text.length > LARGE_TEXT_CHARS);
    assert.equal(new ParsedPolicy(text).parseErrors.length, 0, text.slice(0, 200));
    const tree = new ParsedPolicy(text);
    void tree.root;
    for (const p of paths) {
      for (const preferKey of [false, true]) {
        // A fresh document per path: each answer comes from its own scan, not from what an earlier one skipped.
        assert.deepEqual(
          new ParsedPolicy(text).rangeNodeAt(p, preferKey),
          tree.rangeNodeAt(p, preferKey),
          `${JSON.stringify(p)} in ${text.slice(-300)}`,
        );
      }
    }
  }
});
