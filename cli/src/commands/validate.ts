// `accesspolicy validate`: the language server's verdict, in CI. Same core, same codes, same ranges.
import { EXIT, type CliIo } from '../io';
import { findPolicyFiles } from '../findPolicyFiles';
import { checkFiles } from '../checkFiles';
import { parseArgs, readApiVersion, readJobs, UsageError } from '../args';
import { FORMATTERS, FORMAT_NAMES } from '../format';
import { displayPath, oneLine } from '../terminalText';

export const VALIDATE_USAGE = `Usage: accesspolicy validate [--format text|json|sarif|github] [--api-version v1.0|beta] [--jobs N] <files or folders...>

Checks access policy files against the Graph schema for their API version and the rules the
service enforces. Folders are searched for *.accesspolicy.json.

  --format text   one line per problem: file:line:col severity code message (1-based line and column)
  --format json   a JSON array: {file, apiVersion, diagnostics: [{severity, code, message, range}]} (0-based)
  --format sarif  SARIF 2.1.0 for GitHub code scanning and Azure DevOps (one rule per code, exact regions)
  --format github GitHub Actions workflow commands (::error file=…,line=…::…): annotations without upload
  --api-version   version assumed when a file's $schema and shape do not say (default v1.0)
  --jobs N        check on N threads (default: one, plus one per idle core for hundreds of files)

Exit status: 0 no errors, 1 some file has errors, 2 usage error, unreadable file, or a named
folder without policy files. Every problem is listed, however many (the editor caps what it shows).`;

export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  let opts;
  try {
    opts = parseArgs(argv, { format: 'string', 'api-version': 'string', jobs: 'string', help: 'boolean' });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`accesspolicy validate: ${err.message}\n\n${VALIDATE_USAGE}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  if (opts.flags.help) {
    io.stdout(VALIDATE_USAGE + '\n');
    return EXIT.ok;
  }
  const format = (opts.flags.format as string | undefined) ?? 'text';
  if (!FORMAT_NAMES.includes(format)) return usage(io, `--format must be ${FORMAT_NAMES.join(', ')}, not "${format}"`);
  let apiVersion;
  let jobs;
  try {
    apiVersion = readApiVersion(opts.flags['api-version']);
    jobs = readJobs(opts.flags.jobs);
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message);
    throw err;
  }
  if (opts.positionals.length === 0) return usage(io, 'name at least one file or folder');

  const { files, unreadable, empty } = findPolicyFiles(opts.positionals);
  const formatter = FORMATTERS[format]();
  let errors = 0;
  let warnings = 0;
  let filesWithErrors = 0;
  // Workers run this same entry script (see checkFiles.ts).
  for (const result of await checkFiles(files, apiVersion, process.argv[1], jobs)) {
    const file = result.file;
    if ('unreadable' in result) {
      unreadable.push({ arg: file, reason: result.unreadable });
      continue;
    }
    const fileErrors = result.diagnostics.filter((d) => d.severity === 'error').length;
    errors += fileErrors;
    warnings += result.diagnostics.filter((d) => d.severity === 'warning').length;
    if (fileErrors > 0) filesWithErrors++;
    for (const { rule, message } of result.internalErrors) {
      io.stderr(`accesspolicy: internal error in rule ${rule} on ${displayPath(file)}: ${oneLine(message)}\n`);
    }
    io.stdout(formatter.file({ file, apiVersion: result.apiVersion, diagnostics: result.diagnostics }));
  }
  io.stdout(formatter.end(unreadable));
  for (const u of unreadable) io.stderr(`accesspolicy: cannot read ${displayPath(u.arg)}: ${u.reason}\n`);
  for (const dir of empty) io.stderr(`accesspolicy: no *.accesspolicy.json files in ${displayPath(dir)}\n`);
  io.stderr(
    `${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` +
      (filesWithErrors ? ` in ${filesWithErrors} file${filesWithErrors === 1 ? '' : 's'}` : '') +
      '\n',
  );
  if (unreadable.length > 0 || empty.length > 0) return EXIT.usage;
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`accesspolicy validate: ${message}\n\n${VALIDATE_USAGE}\n`);
  return EXIT.usage;
}
