// The reference syntax on its own: what reads as a reference, what each mistake is called, the
// escapes, and that what pull writes reads back to the same names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatReference,
  REFERENCE_KIND_NAMES,
  scanReferences,
  substituteReferences,
  type ReferenceKind,
} from '../../core/src/references/syntax';
import { textRangeOf } from '../../core/src/references/positions';

test('each kind reads as one whole reference with its parts', () => {
  const cases: [string, ReferenceKind, string[]][] = [
    ['${user:alice@contoso.com}', 'user', ['alice@contoso.com']],
    ['${group:Sales Approvers}', 'group', ['Sales Approvers']],
    ['${group:HR/Payroll}', 'group', ['HR/Payroll']],
    ['${accessPackage:Marketing/Campaign tools}', 'accessPackage', ['Marketing', 'Campaign tools']],
    ['${connectedOrganization:2a1f0ef2-7d0b-4c2e-9c3e-7b1f2d3c4a5b}', 'connectedOrganization', ['2a1f0ef2-7d0b-4c2e-9c3e-7b1f2d3c4a5b']],
    ['${customExtension:Marketing/Notify}', 'customExtension', ['Marketing', 'Notify']],
    ['${servicePrincipal:00000003-0000-0000-c000-000000000000}', 'servicePrincipal', ['00000003-0000-0000-c000-000000000000']],
    ['${var:approvers}', 'var', ['approvers']],
  ];
  for (const [text, kind, parts] of cases) {
    const scan = scanReferences(text);
    assert.deepEqual(scan.errors, [], text);
    assert.deepEqual(
      scan.references.map((r) => [r.kind, r.parts, r.start, r.end, r.whole]),
      [[kind, parts, 0, text.length, true]],
      text,
    );
  }
});

test('escapes: \\/ keeps a slash inside a catalog or package name, \\} a brace, \\\\ a backslash; \\${ is literal text', () => {
  const [ref] = scanReferences('${accessPackage:R\\/D/Tools \\}v2\\} \\\\ x}').references;
  assert.deepEqual(ref.parts, ['R/D', 'Tools }v2} \\ x']);
  assert.deepEqual(scanReferences('costs \\${var:x} literally').references, []);
  assert.equal(
    substituteReferences('costs \\${var:x}, region ${var:region}', () => 'EU'),
    'costs ${var:x}, region EU',
  );
});

test('what formatReference writes reads back to the same names, whatever they hold', () => {
  const names = ['plain', 'a/b', '/', 'ends/', '/starts', 'brace}', '}}', 'back\\slash', '\\/', '${nested}', 'ünïcødé 名前'];
  for (const kind of REFERENCE_KIND_NAMES.filter((k) => k !== 'var')) {
    const two = kind === 'accessPackage' || kind === 'customExtension';
    for (const a of names)
      for (const b of two ? names : [undefined]) {
        const parts = b === undefined ? [a] : [a, b];
        const text = formatReference(kind, parts);
        const scan = scanReferences(text);
        assert.deepEqual(scan.errors, [], text);
        assert.equal(scan.references.length, 1, text);
        assert.deepEqual(scan.references[0].parts, parts, text);
        assert.equal(scan.references[0].whole, true, text);
      }
  }
});

test('mistakes are named, each with the range of the reference', () => {
  const problem = (s: string) =>
    scanReferences(s).errors.map((e) => [e.problem, s.slice(e.start, e.end), 'suggestion' in e ? e.suggestion : undefined]);
  assert.deepEqual(problem('${user:alice'), [['unclosed', '${user:alice', undefined]]);
  assert.deepEqual(problem('${usr:alice}'), [['unknownKind', '${usr:alice}', 'user']]);
  assert.deepEqual(problem('${Group:x}'), [['unknownKind', '${Group:x}', 'group']]);
  assert.deepEqual(problem('${group}'), [['unknownKind', '${group}', 'group']]);
  assert.deepEqual(problem('${accessPackage:OnlyOne}'), [['partCount', '${accessPackage:OnlyOne}', undefined]]);
  assert.deepEqual(problem('${accessPackage:a/b/c}'), [['partCount', '${accessPackage:a/b/c}', undefined]]);
  assert.deepEqual(problem('${group: }'), [['emptyName', '${group: }', undefined]]);
  assert.deepEqual(problem('${accessPackage:Cat/}'), [['emptyName', '${accessPackage:Cat/}', undefined]]);
  assert.deepEqual(problem('${group:a\\nb}'), [['badEscape', '${group:a\\nb}', undefined]]);
  assert.deepEqual(problem('${var:has space}'), [['badVarName', '${var:has space}', undefined]]);
  // A mistake does not hide the next reference.
  const scan = scanReferences('${usr:a} and ${var:b}');
  assert.equal(scan.errors.length, 1);
  assert.deepEqual(
    scan.references.map((r) => [r.kind, r.whole]),
    [['var', false]],
  );
});

test('a range in the decoded value maps to the exact text of the JSON literal, escapes included', () => {
  const text = '{"a": "\\u0024{group:Sales \\"EU\\"} \\\\ ${var:x}"}';
  const literal = text.indexOf('"', 5);
  const value = JSON.parse(text).a as string;
  const refs = scanReferences(value).references;
  assert.equal(refs.length, 2);
  const first = textRangeOf(text, literal, refs[0].start, refs[0].end);
  assert.equal(text.slice(first.offset, first.offset + first.length), '\\u0024{group:Sales \\"EU\\"}');
  const second = textRangeOf(text, literal, refs[1].start, refs[1].end);
  assert.equal(text.slice(second.offset, second.offset + second.length), '${var:x}');
});
