// `accesspolicy explain`: each policy file in plain language, for reviewers and pull requests.
// Same core as the editor's summary preview; errors and warnings appear beside what they concern.
import { explainPolicy, renderMarkdown, renderText } from '../../../core/src';
import { EXIT, type CliIo } from '../io';
import { findPolicyFiles } from '../findPolicyFiles';
import { readPolicyFile } from '../readPolicyFile';
import { parseArgs, readApiVersion, UsageError } from '../args';

export const EXPLAIN_USAGE = `Usage: accesspolicy explain [--format text|markdown] [--api-version v1.0|beta] <files or folders...>

Summarises each access policy file in plain language: who can request, how requests are approved
(each stage's approvers, fallbacks, escalation, time-out), questions, how long access lasts,
access reviews, auto-assignment and custom extensions. Errors and warnings are shown beside the
part they concern. Folders are searched for *.accesspolicy.json.

  --format text      for a terminal (default)
  --format markdown  for a pull request comment or a job summary
  --api-version      version assumed when a file's $schema and shape do not say (default v1.0)

Exit status: 0 every file explained (even with findings; use validate to fail a build),
2 usage error or unreadable file.`;

export function runExplain(argv: string[], io: CliIo): number {
  let opts;
  try {
    opts = parseArgs(argv, { format: 'string', 'api-version': 'string', help: 'boolean' });
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message);
    throw err;
  }
  if (opts.flags.help) {
    io.stdout(EXPLAIN_USAGE + '\n');
    return EXIT.ok;
  }
  const format = (opts.flags.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'markdown') return usage(io, `--format must be text or markdown, not "${format}"`);
  let apiVersion;
  try {
    apiVersion = readApiVersion(opts.flags['api-version']);
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message);
    throw err;
  }
  if (opts.positionals.length === 0) return usage(io, 'name at least one file or folder');

  const { files, unreadable } = findPolicyFiles(opts.positionals);
  const render = format === 'markdown' ? renderMarkdown : renderText;
  let first = true;
  for (const file of files) {
    const read = readPolicyFile(file);
    if ('reason' in read) {
      unreadable.push({ arg: file, reason: read.reason });
      continue;
    }
    const text = read.text;
    const summary = explainPolicy(text, { defaultApiVersion: apiVersion });
    io.stdout((first ? '' : '\n') + render(summary, { file }));
    first = false;
  }
  for (const u of unreadable) io.stderr(`accesspolicy: cannot read ${u.arg}: ${u.reason}\n`);
  if (files.length === 0 && unreadable.length === 0) io.stderr('accesspolicy: no *.accesspolicy.json files found\n');
  return unreadable.length > 0 ? EXIT.usage : EXIT.ok;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`accesspolicy explain: ${message}\n\n${EXPLAIN_USAGE}\n`);
  return EXIT.usage;
}
