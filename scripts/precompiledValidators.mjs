// esbuild plugin: bundles get the policy validators as ajv standalone code, generated from the
// schema files in this build (never committed, so it cannot drift from them). It replaces
// core/src/schemaValidators.ts, whose source version compiles the schemas at run time.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The generated CommonJS module: exports `loadValidator(version)` like the module it replaces. */
export async function precompiledValidatorsModule(root) {
  // Run the project's own generator (core/src/schemaCompiler.ts): one source for the ajv options.
  const out = await build({
    absWorkingDir: root,
    entryPoints: ['core/src/schemaCompiler.ts'],
    bundle: true,
    write: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  const requireFromCore = createRequire(path.join(root, 'core/src/schemaCompiler.ts'));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', out.outputFiles[0].text)(requireFromCore, module, module.exports);
  const { standaloneValidatorsCode, STANDALONE_EXPORTS } = module.exports;
  return `${standaloneValidatorsCode()}
const byVersion = ${JSON.stringify(STANDALONE_EXPORTS)};
exports.loadValidator = (version) => exports[byVersion[version]];
`;
}

export function precompiledValidatorsPlugin(root) {
  let code;
  return {
    name: 'precompiled-validators',
    setup(b) {
      b.onLoad({ filter: /[\\/]core[\\/]src[\\/]schemaValidators\.ts$/ }, async () => ({
        contents: (code ??= await precompiledValidatorsModule(root)),
        loader: 'js',
        resolveDir: path.join(root, 'core/src'),
      }));
    },
  };
}
