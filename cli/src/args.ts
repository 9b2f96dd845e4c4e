// A small, strict flag parser built on Node's util.parseArgs: unknown flags are usage errors,
// never silently ignored (a mistyped --plan must not deploy).
import { parseArgs as nodeParseArgs } from 'node:util';
import type { ApiVersion } from '../../core/src/diagnostic';

export class UsageError extends Error {}

export type FlagSpec = Record<string, 'string' | 'boolean' | 'strings'>;

export interface ParsedArgs {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, kind] of Object.entries(spec)) {
    options[name] = kind === 'strings' ? { type: 'string', multiple: true } : { type: kind };
  }
  try {
    const { values, positionals } = nodeParseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { flags: values as ParsedArgs['flags'], positionals };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify.*$/s, '') : String(err));
  }
}

/** `--api-version`, shared by the commands that take it. */
export function readApiVersion(value: unknown): ApiVersion | undefined {
  if (value === undefined) return undefined;
  if (value !== 'v1.0' && value !== 'beta') throw new UsageError(`--api-version must be v1.0 or beta, not "${String(value)}".`);
  return value;
}

/** Reports a UsageError the way every command does (exit 2); anything else is rethrown. */
export function usageFailure(command: string, e: unknown, stderr: (s: string) => void): 2 {
  if (!(e instanceof UsageError)) throw e;
  stderr(`accesspolicy ${command}: ${e.message}\n\nRun "accesspolicy ${command} --help" for the options.\n`);
  return 2;
}
