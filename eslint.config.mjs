// ESLint for the repository's TypeScript and scripts. Besides the recommended rules, it holds the
// layering docs/architecture.md states (section *Boundaries*): which part may import which, only
// through the part's index (`<part>/src/index.ts`), and which packages a part must not use. The
// table PARTS below is the one statement of it; the rules are derived from it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const root = path.dirname(fileURLToPath(import.meta.url));

const VSCODE = { name: 'vscode', message: 'Only the client (client/src) runs inside VS Code.' };
const LSP = {
  group: [
    'vscode-languageserver',
    'vscode-languageserver/*',
    'vscode-languageclient',
    'vscode-languageclient/*',
    'vscode-json-languageservice',
    'vscode-json-languageservice/*',
  ],
  message: 'The language protocol belongs to the server (and the client that talks to it).',
};

/**
 * Each part: the parts it may import (always through their index), whether it may take only types
 * from them, whether Node built-ins are allowed, and the packages it must not import.
 */
const PARTS = {
  // The validation core: pure, so the editor, the CLI and the deploy core share one verdict.
  core: {
    may: [],
    node: false,
    banned: [VSCODE],
    bannedGroups: [LSP, { group: ['@azure/msal-node'], message: 'Sign-in belongs to deploy/src.' }],
  },
  // The contracts client and server share: declarations only.
  common: { may: ['core', 'deploy'], typesOnly: true, node: false, banned: [VSCODE], bannedGroups: [] },
  // Sign-in, Graph, deploy, folder commands: shared by the CLI and the extension, so no VS Code or LSP.
  deploy: { may: ['core'], node: true, banned: [VSCODE], bannedGroups: [LSP] },
  server: { may: ['core', 'common'], node: true, banned: [VSCODE], bannedGroups: [] },
  // The client asks the server for verdicts; test/client/bundle.test.ts holds its bundle free of the validator.
  client: { may: ['core', 'common', 'deploy'], node: true, banned: [], bannedGroups: [] },
  cli: { may: ['core', 'deploy'], node: true, banned: [VSCODE], bannedGroups: [LSP] },
  // The tenant stand-in plays the service: a fake that shared the product's code would share its mistakes.
  standin: {
    may: [],
    node: true,
    banned: [VSCODE],
    bannedGroups: [LSP, { group: ['@azure/msal-node'], message: 'The stand-in plays the service, not a client of it.' }],
  },
};
const NAMES = Object.keys(PARTS);

/** import-x/no-restricted-paths zones for one part: every other part it may not reach, and the index rule for those it may. */
function zones(name) {
  const part = PARTS[name];
  return NAMES.filter((other) => other !== name).map((other) =>
    part.may.includes(other)
      ? {
          target: `${name}/src`,
          from: `${other}/src`,
          except: ['./index.ts'],
          message: `Import ${other}/src through its index (${other}/src/index.ts).`,
        }
      : {
          target: `${name}/src`,
          from: `${other}/src`,
          message: `${name}/src may not import ${other}/src (docs/architecture.md, Boundaries).`,
        },
  );
}

/** @typescript-eslint/no-restricted-imports options for one part (packages it must not use; types-only parts). */
function restrictedImports(name) {
  const part = PARTS[name];
  const patterns = part.bannedGroups.map((g) => ({ group: g.group, message: g.message }));
  if (part.typesOnly) {
    for (const other of part.may) {
      patterns.push({ group: [`**/${other}/src`], allowTypeImports: true, message: `${name}/src takes only types from ${other}/src.` });
    }
  }
  return { paths: part.banned, patterns };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.cache/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-results/**',
      '**/*.d.ts',
      'schemas/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })] },
    rules: {
      'import-x/no-duplicates': 'error',
      'import-x/no-self-import': 'error',
      // A cleanup that may fail (a file already gone, a process already exited) has nothing to do.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Tests match aligned and indented output; literal spaces read as the output does.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // tsc's noUnusedLocals / noUnusedParameters (tsconfig.json) are the one check for these.
      '@typescript-eslint/no-unused-vars': 'off',
      // `import x = require()` is how a few CommonJS-only typings are read.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: globals.node },
    // Tests read JSON answers whose shape the assertions themselves check.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...NAMES.map((name) => ({
    files: [`${name}/src/**/*.ts`],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: zones(name) }],
      '@typescript-eslint/no-restricted-imports': ['error', restrictedImports(name)],
      ...(PARTS[name].node ? {} : { 'import-x/no-nodejs-modules': 'error' }),
    },
  })),
);
