// The folder configuration (accesspolicy.config.json): a valid file gives its environments and
// values; each mistake a user makes gets its own AP3xxx diagnostic at the exact key or value, and
// the committed schema is what the generator makes from deploy/src/cloud.ts today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseConfig, valuesFor, CONFIG_CLOUDS } from '../../core/src';
import { CLOUDS } from '../../deploy/src';

const at = (text: string, d: { offset: number; length: number }) => text.slice(d.offset, d.offset + d.length);

test('a valid configuration: environments with their clouds (default global), values per environment', () => {
  const text = `// dev → prod
{
  "$schema": "./schemas/accesspolicy-config.schema.json",
  "environments": {
    "dev": { "tenant": "contoso-dev.onmicrosoft.com" },
    "prod": { "tenant": "72f988bf-86f1-41af-91ab-2d7cd011db47", "cloud": "usgov" }
  },
  "values": { "approvers": { "dev": "Dev Approvers", "prod": "Prod Approvers" } }
}`;
  const r = parseConfig(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.config?.environments.dev, { name: 'dev', tenant: 'contoso-dev.onmicrosoft.com', cloud: 'global' });
  assert.equal(r.config?.environments.prod.cloud, 'usgov');
  assert.deepEqual(valuesFor(r.config!, 'prod'), { approvers: 'Prod Approvers' });
  assert.deepEqual(valuesFor(r.config!, 'nope'), {});
});

test('the schema lists exactly the clouds of deploy/src/cloud.ts, and the committed schema is current', () => {
  assert.deepEqual([...CONFIG_CLOUDS], Object.keys(CLOUDS));
  const r = spawnSync(process.execPath, [path.join('scripts', 'generate-config-schema.mjs'), '--check'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
});

test('each mistake: its own code, at the exact range, with a message that says what to write', () => {
  const text = `{
  "environments": {
    "dev": { "tenant": "https://login.microsoftonline.com/contoso-dev.onmicrosoft.com" },
    "prod": { "tenant": "72f988bf-86f1-41af-91ab-2d7cd011db47", "cloud": "https://graph.microsoft.us" },
    "test env": { "tenant": "admin@contoso.com", "clod": "global" },
    "gov": { "tenant": "fabrikam.us", "cloud": "USGov" }
  },
  "values": { "approvers": { "dev": "a", "stage": "b" }, "1bad": { "dev": "x" } },
  "extra": true
}`;
  const r = parseConfig(text);
  assert.equal(r.config, undefined, 'no configuration from a file with errors');
  const found = r.diagnostics.map((d) => [d.code, at(text, d)]);
  assert.deepEqual(found, [
    ['AP3006', '"https://login.microsoftonline.com/contoso-dev.onmicrosoft.com"'],
    ['AP3007', '"https://graph.microsoft.us"'],
    ['AP3005', '"test env"'],
    ['AP3006', '"admin@contoso.com"'],
    ['AP3002', '"clod"'],
    ['AP3007', '"USGov"'],
    ['AP3011', '"approvers"'],
    ['AP3010', '"stage"'],
    ['AP3009', '"1bad"'],
    ['AP3011', '"1bad"'],
    ['AP3002', '"extra"'],
  ]);
  const message = (code: string, i = 0) => r.diagnostics.filter((d) => d.code === code)[i].message;
  assert.match(message('AP3006'), /never a URL.*Perhaps "contoso-dev\.onmicrosoft\.com"/);
  assert.match(message('AP3006', 1), /not an account: "contoso\.com" is the domain/);
  assert.match(message('AP3007'), /graph\.microsoft\.us belongs to cloud "usgov": write "cloud": "usgov"/);
  assert.match(message('AP3007', 1), /lower case: write "usgov"/);
  assert.match(message('AP3011'), /no value for environments "prod", "test env", "gov"/);
  assert.match(message('AP3002'), /Unknown property "clod" in environment "test env"\. Expected: "tenant", "cloud"/);
  const first = r.diagnostics[0];
  const column = text.split('\n')[2].indexOf('"https://');
  assert.deepEqual(first.range, { start: { line: 2, character: column }, end: { line: 2, character: column + at(text, first).length } });
});

test('structural mistakes: not an object, no environments, empty environments, missing tenant, a key given twice, syntax', () => {
  const codes = (text: string) => parseConfig(text).diagnostics.map((d) => d.code);
  assert.deepEqual(codes(''), ['AP3001']);
  assert.deepEqual(codes('[]'), ['AP3001']);
  assert.deepEqual(codes('{}'), ['AP3004']);
  assert.deepEqual(codes('{ "environments": {} }'), ['AP3008']);
  assert.deepEqual(codes('{ "environments": { "dev": {} } }'), ['AP3004']);
  assert.deepEqual(codes('{ "environments": { "dev": "contoso.com" } }'), ['AP3003']);
  const twice = '{ "environments": { "dev": { "tenant": "a.com" }, "dev": { "tenant": "b.com" } } }';
  const d = parseConfig(twice).diagnostics;
  assert.deepEqual(
    d.map((x) => x.code),
    ['AP3012'],
  );
  assert.equal(d[0].offset, twice.lastIndexOf('"dev"'), 'the second "dev" is underlined');
  assert.deepEqual(codes('{ "environments": { "dev": { "tenant": "a.com" }, } }'), ['AP0001']);
});
