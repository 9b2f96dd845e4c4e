// Someone who points plain JSON tooling at our published schema sees the documentation our editor
// shows: vscode-json-languageservice (the engine of VS Code's JSON support), given only the
// generated schema file, hovers with the same words as our language server, and offers the type
// skeletons and policy snippets the schema carries as defaultSnippets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getLanguageService, type LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startInProcessServer, type LspSession, REPO_ROOT } from './lspClient';
import { positionOf } from '../support/positions';

const SCHEMA_URL = (v: string) => `https://entra-access-policy.dev/schemas/accesspolicy-${v}.schema.json`;

let lsp: LspSession;
let json: LanguageService;
before(async () => {
  lsp = await startInProcessServer();
  json = getLanguageService({});
  json.configure({
    validate: false,
    // The schema files as published, read from disk: nothing of ours but the JSON.
    schemas: ['v1.0', 'beta'].map((v) => ({
      uri: SCHEMA_URL(v),
      // A file may also be bound by name, as a user's settings would (an empty file has no $schema).
      fileMatch: [`*.${v}-plain.json`],
      schema: JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', `accesspolicy-${v}.schema.json`), 'utf8')),
    })),
  });
});
after(async () => lsp?.stop());

const V1 = JSON.stringify(
  {
    $schema: SCHEMA_URL('v1.0'),
    displayName: 'Sales tools',
    allowedTargetScope: 'specificDirectoryUsers',
    specificAllowedTargets: [{ '@odata.type': '#microsoft.graph.singleUser', userId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4' }],
  },
  null,
  2,
);

const BETA = JSON.stringify(
  {
    $schema: SCHEMA_URL('beta'),
    accessPackageId: '7deff43e-1f17-44ef-9e5f-d516b0ba11d4',
    requestorSettings: { scopeType: 'SpecificDirectorySubjects', allowedRequestors: [] },
    requestApprovalSettings: { approvalMode: 'Serial', approvalStages: [{ approvalStageTimeOutInDays: 14, escalationApprovers: [] }] },
  },
  null,
  2,
);

async function ours(uri: string, text: string, needle: string): Promise<string> {
  lsp.open(uri, text);
  const h = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(text, needle, { delta: 1 }),
  });
  assert.ok(h, `our server has no hover on ${needle}`);
  return (h.contents as MarkupContent).value;
}

async function plain(uri: string, text: string, needle: string): Promise<string> {
  const doc = TextDocument.create(uri, 'json', 1, text);
  const h = await json.doHover(doc, positionOf(text, needle, { delta: 1 }), json.parseJSONDocument(doc));
  assert.ok(h, `vscode-json-languageservice has no hover on ${needle}`);
  const contents = Array.isArray(h.contents) ? h.contents : [h.contents];
  return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n');
}

/**
 * vscode-json-languageservice's hover: the property's documentation, then "`value`: meaning" when
 * the value under the key or cursor is an enum value with a meaning.
 */
function split(theirs: string, value: string | undefined): { doc: string; meaning?: string } {
  const marker = `\n\n\`${value}\`: `;
  const at = value === undefined ? -1 : theirs.lastIndexOf(marker);
  return at < 0 ? { doc: theirs } : { doc: theirs.slice(0, at), meaning: theirs.slice(at + marker.length) };
}

const PROPERTIES: [string, string, string, string | undefined, RegExp][] = [
  ['v1.0', V1, '"allowedTargetScope"', 'specificDirectoryUsers', /\*\*In beta:\*\* beta uses `requestorSettings\.scopeType`/],
  ['v1.0', V1, '"userId"', undefined, /object id of the user/],
  ['beta', BETA, '"escalationApprovers"', undefined, /Send `\[\]` when there are none/],
  ['beta', BETA, '"approvalMode"', 'Serial', /_Inferred: not confirmed by Microsoft's documentation\._/],
];

for (const [version, text, needle, value, expected] of PROPERTIES) {
  test(`${version} ${needle}: plain JSON tooling shows the documentation our hover shows`, async () => {
    const uri = `file:///work/parity-${version}-${needle.replace(/\W/g, '')}.accesspolicy.json`;
    const theirs = split(await plain(uri, text, needle), value).doc;
    assert.match(theirs, expected);
    const mine = await ours(uri, text, needle);
    assert.ok(mine.includes(theirs), `our hover should hold the schema's documentation.\nschema:\n${theirs}\nours:\n${mine}`);
  });
}

const VALUES: [string, string, string, RegExp][] = [
  ['v1.0', V1, '"specificDirectoryUsers"', /listed in `specificAllowedTargets`/],
  ['beta', BETA, '"SpecificDirectorySubjects"', /Only the users and groups in `allowedRequestors`/],
];

for (const [version, text, needle, expected] of VALUES) {
  test(`${version} enum value ${needle}: plain JSON tooling gives the meaning our hover gives`, async () => {
    const uri = `file:///work/parity-value-${version}.accesspolicy.json`;
    const theirs = await plain(uri, text, needle);
    const { doc: propertyDoc, meaning } = split(theirs, JSON.parse(needle));
    assert.ok(meaning, `no value meaning in:\n${theirs}`);
    assert.match(meaning, expected);
    const mine = await ours(uri, text, needle);
    assert.ok(mine.includes(meaning), `our hover should give the same meaning.\nschema: ${meaning}\nours:\n${mine}`);
    assert.ok(
      mine.includes(propertyDoc),
      `our value hover should include the property's documentation.\nschema:\n${propertyDoc}\nours:\n${mine}`,
    );
  });
}

test('plain JSON tooling offers a ready-made entry per subject type and the policy snippets', async () => {
  const entryText = `{ "$schema": "${SCHEMA_URL('v1.0')}", "specificAllowedTargets": [ ] }`;
  const entryDoc = TextDocument.create('file:///work/parity-snippets.json', 'json', 1, entryText);
  const inArray = entryText.indexOf('[ ]') + 2;
  const entries = await json.doComplete(entryDoc, entryDoc.positionAt(inArray), json.parseJSONDocument(entryDoc));
  const single = entries?.items.find((i) => i.label === 'singleUser');
  assert.ok(single, `no singleUser entry among ${entries?.items.map((i) => i.label).join(', ')}`);
  assert.match(
    single.textEdit?.newText ?? single.insertText ?? '',
    /"@odata\.type": "#microsoft\.graph\.singleUser"[\s\S]*"userId": "\$\{1:user object id\}"/,
  );

  const rootText = '';
  const rootDoc = TextDocument.create('file:///work/parity-root.beta-plain.json', 'json', 1, rootText);
  const root = await json.doComplete(rootDoc, rootDoc.positionAt(0), json.parseJSONDocument(rootDoc));
  const labels = root?.items.map((i) => i.label) ?? [];
  assert.ok(labels.includes('ap-beta-direct'), `no beta policy snippet among ${labels.join(', ')}`);
  assert.ok(!labels.includes('ap-direct'), 'the v1.0 snippets belong to the v1.0 schema');
});
