// One esbuild script builds every bundle the product ships: the extension client, the language
// server, the CLI and the local tenant stand-in. `--production` minifies and drops source maps.
import { build } from 'esbuild';
import { existsSync, mkdirSync, chmodSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { precompiledValidatorsPlugin } from './precompiledValidators.mjs';
import { CACHED_BUNDLES, launcherSource, writeCodeCache, writeTenantCodeCache } from './codeCache.mjs';
import { policyText } from './bench/documents.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');

const bundles = [
  { entry: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { entry: 'server/src/serverMain.ts', out: 'dist/server.js' },
  // The CLI's tenant commands (deploy, pull, plan, apply) are a file of their own, loaded by
  // dist/cli.js only for those commands. Each is run by a launcher with V8's code cache
  // (scripts/codeCache.mjs), made below: dist/cli.js for the CLI, dist/cli-tenant.js for the tenant commands.
  {
    entry: 'cli/src/main.ts',
    out: `dist/${CACHED_BUNDLES.cli.bundle}`,
    launcher: { banner: '#!/usr/bin/env node', names: CACHED_BUNDLES.cli },
    split: { './commands/tenantCommands': `./${CACHED_BUNDLES.tenant.launcher}` },
  },
  {
    entry: 'cli/src/commands/tenantCommands.ts',
    out: `dist/${CACHED_BUNDLES.tenant.bundle}`,
    launcher: { banner: '// The tenant commands of the CLI, loaded by dist/cli-main.js.', names: CACHED_BUNDLES.tenant },
  },
  { entry: 'standin/src/main.ts', out: 'dist/standin.js', banner: '#!/usr/bin/env node' },
];

/** Leaves the named imports to other bundles: `{ importPath: bundle file beside this one }`. */
function splitPlugin(split) {
  const filter = new RegExp(
    '^(' +
      Object.keys(split)
        .map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
        .join('|') +
      ')$',
  );
  return {
    name: 'split',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: split[args.path], external: true }));
    },
  };
}

/**
 * What the CLI's code cache is made from: a check of policies of both versions, valid and not, so
 * that the functions a user's check runs (schema errors and rule findings included) are in it.
 */
const CODE_CACHE_SAMPLES = {
  'v1.accesspolicy.json': policyText(0),
  'beta.accesspolicy.json': policyText(1),
  'mistakes.accesspolicy.json': policyText(2)
    .replace('"P365D"', '"P365X"')
    .replace('"allowedTargetScope"', '"alowedTargetScope"')
    .replace('"isApprovalRequiredForAdd": true', '"isApprovalRequiredForAdd": "true"'),
};

mkdirSync(path.join(root, 'dist'), { recursive: true });
// One generation of the validators' standalone code, shared by every bundle of this build.
const plugins = [precompiledValidatorsPlugin(root)];
await Promise.all(
  bundles
    // A bundle whose entry does not exist yet is skipped, so a partial checkout still builds.
    .filter((b) => existsSync(path.join(root, b.entry)))
    .map(async (b) => {
      await build({
        absWorkingDir: root,
        entryPoints: [b.entry],
        outfile: b.out,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: b.external ?? [],
        minify: production,
        sourcemap: production ? false : 'linked',
        banner: b.banner ? { js: b.banner } : undefined,
        logLevel: 'warning',
        // jsonc-parser and vscode-json-languageservice ship UMD builds whose dynamic requires
        // esbuild cannot follow; their ESM builds bundle cleanly.
        mainFields: ['module', 'main'],
        plugins: b.split ? [...plugins, splitPlugin(b.split)] : plugins,
      });
      if (b.banner) chmodSync(path.join(root, b.out), 0o755);
      if (b.launcher) {
        const launcher = path.join(root, 'dist', b.launcher.names.launcher);
        writeFileSync(launcher, launcherSource(b.launcher.banner, b.launcher.names));
        if (b.launcher.banner.startsWith('#!')) chmodSync(launcher, 0o755);
      }
    }),
);
// The code caches, once every bundle is there (the tenant commands' warm-up runs the CLI and the stand-in).
writeCodeCache(path.join(root, 'dist'), CODE_CACHE_SAMPLES);
if (existsSync(path.join(root, 'dist', CACHED_BUNDLES.tenant.bundle))) await writeTenantCodeCache(path.join(root, 'dist'));
