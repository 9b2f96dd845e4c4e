// `accesspolicy plan`: what applying files and folders would change in the tenant. A thin layer
// over deploy/src/folder/folderPlan.ts; exit status as `terraform plan -detailed-exitcode`.
import {
  planFolderVerified,
  planExitCode,
  type FolderPlan,
  type PlanScope,
  planJson,
  planMarkdown,
  planText,
  type ActiveEnvironment,
} from '../../../deploy/src';
import type { ApiVersion } from '../../../core/src';
import { findPolicyFiles } from '../findPolicyFiles';
import { parseArgs, readApiVersion, readJobs, usageFailure, UsageError, type FlagSpec } from '../args';
import { VerdictPool } from '../verdictPool';
import { EXIT, type CliIo } from '../io';
import {
  SIGN_IN_SPEC,
  SIGN_IN_USAGE,
  connect,
  readEnvironment,
  readSignIn,
  refuseSecretOnCommandLine,
  type Connection,
  type SignInArgs,
} from '../signIn';
import { failureText, readTimeout, TimeLimit } from '../timeLimit';

/** Whole-command time limit of plan when --timeout is not given: enough to read thousands of policies. */
export const PLAN_TIMEOUT_S = 600;

export const PLAN_USAGE = `Usage: accesspolicy plan (--env NAME | --tenant ID) [sign-in] [--scope files|packages|tenant] [--format text|json|markdown]
                        [--timeout SECONDS] [--jobs N] <files or folders...>

Compares the policy files with the tenant and says, per file, what applying them would do:
create, update (with the properties that change), unchanged, adopt (no id; one policy of that
name in the package), missing (the file's id is not in the tenant) or refused (errors, several
name matches, unknown package); and, per tenant policy no file describes, unmanaged.
Reads only: the access packages and the policies as paged lists, never a GET per file.

  --scope files|packages|tenant  where to look for unmanaged policies: none, the access packages
                                 the files name (default), or every readable policy
  --format text|json|markdown    text (default); json for scripts; markdown for a PR comment
  --api-version v1.0|beta        version assumed when a file's $schema and shape do not say
  --timeout SECONDS              time limit for the whole command (default ${PLAN_TIMEOUT_S}); when it runs out,
                                 the read in progress fails with a clear message and no plan is made
  --jobs N                       check the files on N threads (default: one, plus one per idle core for
                                 hundreds of files), as validate does; the verdicts are the same
${SIGN_IN_USAGE}

Exit status: 0 nothing would change, 2 changes pending, 1 an error or a refused file (as
terraform plan -detailed-exitcode); 2 also for a usage or configuration error before any read.`;

export const FOLDER_SPEC = {
  ...SIGN_IN_SPEC,
  scope: 'string',
  'api-version': 'string',
  timeout: 'string',
  jobs: 'string',
  help: 'boolean',
} as const satisfies FlagSpec;

export interface FolderArgs {
  files: string[];
  scope: PlanScope;
  apiVersion?: ApiVersion;
  signIn: SignInArgs;
  /** The --env environment, in a folder with a configuration. */
  environment?: ActiveEnvironment;
  /** The whole command's time limit (--timeout), counted from the process start. */
  limit: TimeLimit;
  /** Threads checking the files (--jobs); undefined: as validate decides. */
  jobs?: number;
}

/** Flags and files shared by plan and apply; throws UsageError. */
export function readFolderArgs(flags: Record<string, unknown>, positionals: string[], io: CliIo, defaultTimeoutS: number): FolderArgs {
  const scope = (flags.scope as string | undefined) ?? 'packages';
  if (scope !== 'files' && scope !== 'packages' && scope !== 'tenant')
    throw new UsageError(`--scope must be files, packages or tenant, not "${scope}".`);
  if (positionals.length === 0 && scope !== 'tenant') throw new UsageError('name at least one policy file or folder.');
  const found = findPolicyFiles(positionals);
  if (found.unreadable.length) throw new UsageError(found.unreadable.map((u) => `${u.arg}: ${u.reason}`).join('; '));
  const environment = readEnvironment(flags as never, positionals);
  const signIn = readSignIn(flags as never, io.env, environment);
  const limit = new TimeLimit(readTimeout(flags.timeout, defaultTimeoutS), io.startedAt);
  const jobs = readJobs(flags.jobs);
  return { files: found.files, scope, apiVersion: readApiVersion(flags['api-version']), signIn, environment, limit, jobs };
}

/** Signs in and plans; the plan, or the exit code of a failure already reported. */
export async function planFromArgs(args: FolderArgs, connection: Connection, io: CliIo, command: string): Promise<FolderPlan | number> {
  let doing = 'signing in';
  // The workers start now, and are ready by the time the first files are read. They run this
  // process's entry script (dist/cli.js), as validate's do.
  const pool = new VerdictPool(process.argv[1], args.files.length, args.jobs);
  if (pool.threads > 1) io.stderr(`checking the files on ${pool.threads} threads\n`);
  const planning = async (): Promise<FolderPlan> => {
    // The tenant's id as the token names it (the flag may be a domain).
    const tenant = (await connection.tokens.getToken()).account.tenantId || args.signIn.tenant;
    doing = 'planning';
    return planFolderVerified({
      graph: connection.graph,
      files: args.files,
      scope: args.scope,
      tenant,
      defaultApiVersion: args.apiVersion,
      environment: args.environment,
      onProgress: (m) => io.stderr(`${m}\n`),
      verdict: pool.verdict,
    });
  };
  try {
    // Graph calls stop at the limit themselves; the race bounds what they do not (signing in).
    // Planning only reads, so abandoning it leaves nothing half done.
    return await args.limit.race(planning(), () => doing);
  } catch (e) {
    // A read that failed for good: no plan, so nothing can be acted on.
    io.stderr(`accesspolicy ${command}: ${failureText(e)}\nNo plan was made; nothing was changed.\n`);
    return EXIT.failed;
  } finally {
    await pool.close();
  }
}

/** `environment "dev": ` before a tenant in messages, when there is one. */
export function environmentLabel(environment: ActiveEnvironment | undefined): string {
  return environment ? `environment "${environment.name}": ` : '';
}

export async function runPlan(argv: string[], io: CliIo): Promise<number> {
  let args: FolderArgs;
  let format: string;
  let connection: Connection;
  try {
    refuseSecretOnCommandLine(argv);
    const { flags, positionals } = parseArgs(argv, { ...FOLDER_SPEC, format: 'string' });
    if (flags.help) {
      io.stdout(PLAN_USAGE + '\n');
      return EXIT.ok;
    }
    format = (flags.format as string | undefined) ?? 'text';
    if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json or markdown, not "${format}".`);
    args = readFolderArgs(flags, positionals, io, PLAN_TIMEOUT_S);
    connection = connect(args.signIn, io, { deadline: args.limit.graphDeadline });
  } catch (e) {
    return usageFailure('plan', e, io.stderr);
  }
  io.stderr(
    `Planning ${args.files.length} file${args.files.length === 1 ? '' : 's'} against ${environmentLabel(args.environment)}tenant ${args.signIn.tenant} (cloud ${connection.cloud.label}, Graph ${connection.graphRoot}), scope ${args.scope}\n`,
  );
  const plan = await planFromArgs(args, connection, io, 'plan');
  if (typeof plan === 'number') return plan;
  if (format === 'json') io.stdout(JSON.stringify(planJson(plan), null, 2) + '\n');
  else if (format === 'markdown') io.stdout(planMarkdown(plan));
  else io.stdout(planText(plan));
  return planExitCode(plan);
}
