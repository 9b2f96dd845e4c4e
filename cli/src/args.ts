// A small, strict flag parser built on Node's util.parseArgs: unknown flags are usage errors,
// never silently ignored (a mistyped --plan must not deploy).
import { parseArgs as nodeParseArgs } from 'node:util';
import type { ApiVersion } from '../../core/src';

export class UsageError extends Error {}

/**
 * `{ optionalValue: pattern }`: a flag whose value may be left out (`--managed-identity [CLIENT_ID]`),
 * which node's parser cannot express. The next argument is its value only when it matches the
 * pattern; otherwise (a file, another flag, nothing) the flag stands alone and reads as ''.
 */
export type FlagKind = 'string' | 'boolean' | 'strings' | { optionalValue: RegExp };

export type FlagSpec = Record<string, FlagKind>;

export interface ParsedArgs {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const [name, kind] of Object.entries(spec)) {
    options[name] =
      kind === 'strings' ? { type: 'string', multiple: true } : typeof kind === 'object' ? { type: 'string' } : { type: kind };
  }
  try {
    const { values, positionals } = nodeParseArgs({ args: withOptionalValues(argv, spec), options, allowPositionals: true, strict: true });
    return { flags: values as ParsedArgs['flags'], positionals };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify.*$/s, '') : String(err));
  }
}

/** Rewrites `--flag [value]` of optional-value flags to `--flag=value` / `--flag=` for node's parser. */
function withOptionalValues(argv: string[], spec: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const kind = a.startsWith('--') ? spec[a.slice(2)] : undefined;
    if (typeof kind === 'object') {
      const next = argv[i + 1];
      if (next !== undefined && kind.optionalValue.test(next)) {
        out.push(`${a}=${next}`);
        i++;
      } else out.push(`${a}=`);
      continue;
    }
    out.push(a);
  }
  return out;
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

/** `--jobs N`: how many threads may check files (this one included); undefined when not given. */
export function readJobs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
    throw new UsageError(`--jobs must be a whole number from 1 to 64, not "${String(value)}"`);
  return jobs;
}
