// The folder configuration (accesspolicy.config.json) over LSP, in-process: diagnostics at the
// exact ranges the core gives, hover from the generated schema (clouds with their hosts, the
// environment a `values` entry is for), completion of keys, clouds and the document's own
// environment names; and none of the policy features (no policy diagnostics, no CodeLens).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startInProcessServer, type LspSession } from './lspClient';
import { positionOf } from '../support/positions';

let lsp: LspSession;
before(async () => {
  lsp = await startInProcessServer();
});
after(async () => lsp?.stop());

let n = 0;
function open(text: string): string {
  const uri = `file:///work/policies${n++}/accesspolicy.config.json`;
  lsp.open(uri, text, 'accesspolicy-config');
  return uri;
}

const VALID = `// where these policies go
{
  "environments": {
    "dev": { "tenant": "contoso-dev.onmicrosoft.com" },
    "prod": { "tenant": "72f988bf-86f1-41af-91ab-2d7cd011db47", "cloud": "usgov" }
  },
  "values": { "approvers": { "dev": "Dev Approvers", "prod": "Prod Approvers" } }
}
`;

const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

test('a valid configuration gets no diagnostics and no policy CodeLens', async () => {
  const uri = open(VALID);
  assert.deepEqual(await lsp.diagnostics(uri), []);
  assert.deepEqual(await lsp.request('textDocument/codeLens', { textDocument: { uri } }), []);
});

test('mistakes are published at their exact ranges with their AP3xxx codes, and clear when fixed', async () => {
  const text = VALID.replace('"usgov"', '"https://graph.microsoft.us"').replace('"prod": "Prod Approvers"', '"stage": "Prod Approvers"');
  const uri = open(text);
  const diagnostics: Diagnostic[] = await lsp.diagnostics(uri, (d) => d.length > 0);
  const at = (d: Diagnostic) => {
    const line = text.split('\n')[d.range.start.line];
    return line.slice(d.range.start.character, d.range.end.character);
  };
  assert.deepEqual(
    diagnostics.map((d) => [d.code, at(d), d.source]),
    [
      ['AP3007', '"https://graph.microsoft.us"', 'accesspolicy'],
      ['AP3011', '"approvers"', 'accesspolicy'],
      ['AP3010', '"stage"', 'accesspolicy'],
    ],
  );
  assert.match(diagnostics[0].message, /belongs to cloud "usgov"/);
  assert.match(diagnostics[1].message, /no value for environment "prod"/);
  lsp.change(uri, VALID);
  assert.deepEqual(await lsp.diagnostics(uri, (d) => d.length === 0), []);
});

test('hover: the cloud key lists the clouds; a cloud value names its hosts; a values entry names its environment', async () => {
  const uri = open(VALID);
  await lsp.diagnostics(uri);
  const onCloudKey = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(VALID, '"cloud"', { delta: 2 }),
  });
  assert.match(hoverText(onCloudKey), /`global`, `usgov`, `usgovdod`, `china`/);
  assert.match(hoverText(onCloudKey), /never a URL/);
  const onValue = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(VALID, '"usgov"', { delta: 2 }),
  });
  assert.match(hoverText(onValue), /login\.microsoftonline\.us.*graph\.microsoft\.us/);
  const onEnvValue = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(VALID, '"prod": "Prod', { delta: 2 }),
  });
  assert.match(hoverText(onEnvValue), /environment `prod` \(tenant `72f988bf-86f1-41af-91ab-2d7cd011db47`, cloud `usgov`\)/);
  const onTenant = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(VALID, '"tenant"', { delta: 2 }),
  });
  assert.match(hoverText(onTenant), /id \(a GUID\) or one of its verified domains/);
});

test('completion: environment keys, the clouds, and the environments a value has not given yet', async () => {
  const text = `{
  "environments": {
    "dev": { "tenant": "contoso-dev.onmicrosoft.com", "cloud": "" },
    "prod": { "tenant": "72f988bf-86f1-41af-91ab-2d7cd011db47",  }
  },
  "values": { "approvers": { "dev": "x",  } }
}`;
  const uri = open(text);
  await lsp.diagnostics(uri);
  const labels = async (needle: string, delta: number) =>
    (
      (
        await lsp.request<CompletionList | null>('textDocument/completion', {
          textDocument: { uri },
          position: positionOf(text, needle, { delta }),
        })
      )?.items ?? []
    ).map((i) => i.label.replace(/"/g, ''));
  assert.deepEqual((await labels('"cloud": ""', 10)).sort(), ['china', 'global', 'usgov', 'usgovdod']);
  assert.deepEqual(await labels('db47",  }', 7), ['cloud']);
  assert.deepEqual(await labels('"dev": "x",  }', 12), ['prod']);
});

test("a policy file beside it is still a policy: its own diagnostics, not the configuration's", async () => {
  const uri = 'file:///work/policies-p/Direct.accesspolicy.json';
  lsp.open(uri, '{ "environments": {} }');
  const d = await lsp.diagnostics(uri, (x) => x.length > 0);
  assert.ok(
    d.every((x) => !String(x.code).startsWith('AP3')),
    JSON.stringify(d.map((x) => x.code)),
  );
});
