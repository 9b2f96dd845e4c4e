#!/usr/bin/env node
// Writes schemas/accesspolicy-v1.0.schema.json and schemas/accesspolicy-beta.schema.json from the
// pinned inputs in schemas/inputs/ (see schemas/README.md).
//
// Usage: node scripts/generate-schemas.mjs [--out DIR] [--inputs DIR] [--check]
//        node scripts/generate-schemas.mjs --from-shared [DIR]
//   --out DIR       write the schemas there instead of schemas/
//   --inputs DIR    read inputs from there instead of schemas/inputs/
//   --check         write nothing; exit 1 if the committed schemas differ from a fresh build
//   --from-shared   first re-extract the v1.0 CSDL slice from DIR/graph/metadata
//                   (default test/fixtures/microsoft, the repository's copy of Microsoft's metadata)
//                   and compare the beta table's names with the beta type maps there
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsdl } from './schema-gen/csdl-reader.mjs';
import { buildSchema, serializeSchema } from './schema-gen/emit-schema.mjs';
import { v1Profile } from './schema-gen/v1-profile.mjs';
import { reachableTypes, sliceCsdl } from './schema-gen/v1-slice.mjs';
import { betaProfile, loadBetaModel } from './schema-gen/beta-profile.mjs';
import { annotateSchema, loadDocs } from './schema-gen/docs.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export const V1_SLICE_FILE = 'v1.0-policy-csdl.xml';
export const BETA_TABLE_FILE = 'beta-policy-types.json';
export const REFERENCE_KINDS_FILE = 'reference-kinds.json';
export const OUTPUT_FILES = { v1: 'accesspolicy-v1.0.schema.json', beta: 'accesspolicy-beta.schema.json' };
/** The policy snippets the extension contributes; the schemas offer them as root defaultSnippets. */
export const SNIPPETS_FILE = path.join(root, 'snippets', 'accesspolicy.code-snippets');

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { out: path.join(root, 'schemas'), inputs: path.join(root, 'schemas', 'inputs'), check: false, fromShared: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a directory`);
      return path.resolve(v);
    };
    if (a === '--out') opts.out = value();
    else if (a === '--inputs') opts.inputs = value();
    else if (a === '--check') opts.check = true;
    else if (a === '--from-shared') {
      opts.fromShared =
        argv[i + 1] && !argv[i + 1].startsWith('--') ? path.resolve(argv[++i]) : path.join(root, 'test', 'fixtures', 'microsoft');
    } else if (a === '--help' || a === '-h') {
      opts.help = true;
    } else throw new UsageError(`unknown argument ${a}`);
  }
  return opts;
}

function readInput(file, what) {
  if (!existsSync(file)) throw new Error(`${what} not found at ${file}`);
  return readFileSync(file, 'utf8');
}

/** Writes through a temporary file so a failure never leaves a half-written schema. */
export function writeAtomic(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Re-extracts the v1.0 slice from Microsoft's metadata and reports beta table drift. */
function extractFromShared(sharedDir, inputsDir) {
  const metadata = path.join(sharedDir, 'graph', 'metadata');
  const csdlFile = path.join(metadata, 'v1.0-csdl.xml');
  const fullXml = readInput(csdlFile, 'v1.0 CSDL');
  const model = readCsdl(fullXml);
  const slice = sliceCsdl(fullXml, model, v1Profile);
  writeAtomic(path.join(inputsDir, V1_SLICE_FILE), slice);
  console.log(`wrote ${path.relative(root, path.join(inputsDir, V1_SLICE_FILE))} (${reachableTypes(model.types, v1Profile).size} types)`);

  // The beta table is hand-checked, so it is only compared, never rewritten.
  const table = JSON.parse(readInput(path.join(inputsDir, BETA_TABLE_FILE), 'beta type table'));
  const maps = {};
  for (const kind of ['entity', 'complex', 'enum']) {
    const all = JSON.parse(readInput(path.join(metadata, `beta-${kind}-types.json`), `beta ${kind} type map`));
    Object.assign(maps, all['microsoft.graph'] ?? {});
  }
  let drift = 0;
  for (const [fullName, t] of Object.entries(table.types)) {
    const name = fullName.replace(/^microsoft\.graph\./, '');
    const mapped = maps[name];
    if (!mapped) {
      console.warn(`beta: ${name} is not in the beta type maps`);
      drift++;
      continue;
    }
    const ours =
      t.kind === 'enum'
        ? (t.members ?? []).map((m) => m.name)
        : [...(t.properties ?? []), ...(t.navigationProperties ?? [])].map((p) => p.name);
    const theirs = Array.isArray(mapped) ? mapped : [...(mapped.properties ?? []), ...(mapped.navigationProperties ?? [])];
    const missing = theirs.filter((n) => !ours.includes(n));
    const extra = ours.filter((n) => !theirs.includes(n));
    // Stubs list no properties on purpose.
    if (missing.length && t.stub !== true) {
      console.warn(`beta: ${name} lacks ${missing.join(', ')}`);
      drift++;
    }
    if (extra.length) {
      console.warn(`beta: ${name} has ${extra.join(', ')} that the type maps do not list`);
      drift++;
    }
  }
  console.log(drift ? `beta table: ${drift} difference(s) from the type maps (review by hand)` : 'beta table matches the beta type maps');
}

export function generate(inputsDir) {
  const v1Model = readCsdl(readInput(path.join(inputsDir, V1_SLICE_FILE), 'v1.0 CSDL slice'));
  let betaJson;
  try {
    betaJson = JSON.parse(readInput(path.join(inputsDir, BETA_TABLE_FILE), 'beta type table'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new Error(`beta type table is not valid JSON: ${e.message}`);
    throw e;
  }
  const betaModel = loadBetaModel(betaJson);
  const referenceKinds = JSON.parse(readInput(path.join(inputsDir, REFERENCE_KINDS_FILE), 'reference kinds')).kinds;
  const docs = loadDocs(inputsDir);
  const snippets = JSON.parse(readInput(SNIPPETS_FILE, 'policy snippets'));
  const v1 = buildSchema(v1Model.types, v1Profile, { referenceKinds });
  const beta = buildSchema(betaModel.types, betaProfile, { referenceKinds });
  const v1Docs = annotateSchema(v1, docs, 'v1.0', { snippets, schemaFile: OUTPUT_FILES.v1 });
  const betaDocs = annotateSchema(beta, docs, 'beta', { snippets, schemaFile: OUTPUT_FILES.beta });
  // A documented owner neither schema has is a stale name: its docs would silently stop showing.
  const stale = [...v1Docs.unusedOwners].filter((o) => betaDocs.unusedOwners.has(o));
  if (stale.length) throw new Error(`docs/properties.json documents types neither schema has: ${stale.join(', ')}`);
  const orphans = [...v1Docs.unusedCounterparts].filter((k) => betaDocs.unusedCounterparts.has(k));
  if (orphans.length)
    throw new Error(`docs/correspondence.json gives counterparts to properties no documented schema property has: ${orphans.join(', ')}`);
  return {
    [OUTPUT_FILES.v1]: serializeSchema(v1),
    [OUTPUT_FILES.beta]: serializeSchema(beta),
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    // The usage text is the header comment from "Usage:" to the first non-comment line.
    const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
    const from = lines.findIndex((l) => l.startsWith('// Usage:'));
    const to = lines.findIndex((l, i) => i > from && !l.startsWith('//'));
    console.log(
      lines
        .slice(from, to)
        .map((l) => l.replace(/^\/\/ ?/, ''))
        .join('\n'),
    );
    return 0;
  }
  if (opts.fromShared) extractFromShared(opts.fromShared, opts.inputs);
  const outputs = generate(opts.inputs);
  if (opts.check) {
    const stale = Object.entries(outputs).filter(([name, text]) => {
      const file = path.join(opts.out, name);
      return !existsSync(file) || readFileSync(file, 'utf8') !== text;
    });
    for (const [name] of stale) console.error(`out of date: ${path.join(opts.out, name)}`);
    if (stale.length) {
      console.error('run: npm run generate-schemas');
      return 1;
    }
    console.log('schemas are up to date');
    return 0;
  }
  for (const [name, text] of Object.entries(outputs)) {
    writeAtomic(path.join(opts.out, name), text);
    console.log(`wrote ${path.relative(process.cwd(), path.join(opts.out, name)) || name}`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`generate-schemas: ${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof UsageError) console.error('see: node scripts/generate-schemas.mjs --help');
    process.exitCode = 1;
  }
}
