// `accesspolicy <command> [options]`: the usage text and the dispatch to each command. The process
// entry (main.ts) wires it to stdin/stdout; tests and other hosts can call `main` directly.
import { runValidate } from './commands/validate';
import { runExplain } from './commands/explain';
import { EXIT, type CliIo } from './io';

const USAGE = `Usage: accesspolicy <command> [options]

Commands:
  validate [--format text|json|sarif|github] <files or folders...>   check policy files (same checks as the editor)
  explain [--format text|markdown] <files or folders...>  each policy in plain language, findings beside it
  deploy [--plan] [--yes] <files...>                     create or update policies in a tenant
  pull [--catalog X]... [--access-package X]... [--out DIR]  a tenant's policies into a folder, one file each
  plan [--scope S] [--format F] <files or folders...>    what applying the files would change (exit 0/2/1)
  apply [--yes] [--delete-unmanaged] <files or folders...>  the plan, carried out one policy at a time

Run "accesspolicy <command> --help" for a command's options.`;

type Command = (argv: string[], io: CliIo) => number | Promise<number>;

type TenantCommands = typeof import('./commands/tenantCommands');

/**
 * Loaded only when asked for: sign-in and Graph code (msal-node) would otherwise cost every
 * `validate` (a pre-commit hook) its loading time. The build puts them in dist/cli-tenant-main.js (run by its launcher dist/cli-tenant.js with a code cache).
 * `require`, not `import()`: that file is CommonJS, and importing it would make Node's ESM loader
 * lex all 900 KB of it for export names first (`npm run bench` showed most of a pull's start-up).
 */
const tenantCommands = (): TenantCommands => require('./commands/tenantCommands') as TenantCommands;

const COMMANDS: Record<string, Command> = {
  validate: runValidate,
  deploy: (argv, io) => tenantCommands().runDeploy(argv, io),
  pull: (argv, io) => tenantCommands().runPull(argv, io),
  plan: (argv, io) => tenantCommands().runPlan(argv, io),
  apply: (argv, io) => tenantCommands().runApply(argv, io),
  explain: runExplain,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(USAGE + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`accesspolicy: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  return command(rest, io);
}
