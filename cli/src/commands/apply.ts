// `accesspolicy apply`: the plan, then (after a confirmation, or with --yes) the changes, one
// policy at a time, through the deploy core. A thin layer over deploy/src/folder/applyFolder.ts.
import { createInterface } from 'node:readline/promises';
import { applyFolderPlan, type ApplyResult, planText, planSummary, type FolderPlan } from '../../../deploy/src';
import { parseArgs, usageFailure, UsageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { connect, refuseSecretOnCommandLine, SIGN_IN_USAGE, type Connection } from '../signIn';
import { FOLDER_SPEC, environmentLabel, planFromArgs, readFolderArgs, type FolderArgs } from './plan';
import { displayPath } from './pull';

/** Whole-command time limit of apply when --timeout is not given: a plan, then policies one at a time. */
const APPLY_TIMEOUT_S = 3600;

export const APPLY_USAGE = `Usage: accesspolicy apply (--env NAME | --tenant ID) [sign-in] [--yes] [--delete-unmanaged [--access-package ID]...]
                         [--scope files|packages|tenant] [--timeout SECONDS] [--jobs N] <files or folders...>

Prints the plan (as "accesspolicy plan" does), asks for confirmation in a terminal (or needs
--yes), then creates and updates the policies one at a time, with everything deploy guarantees:
never a duplicate, Retry-After honoured, new ids written back into the files atomically (with
--env: into the environment's entries of accesspolicy.ids.json, beside the config). Files
that are refused or missing are skipped; one policy failing does not stop the others.

  --yes                     apply without asking (required when there is no terminal)
  --delete-unmanaged        delete the unmanaged policies in scope, last, once everything else
                            succeeded; with --scope tenant only within the --access-package ids named
  --access-package ID       with --scope tenant: the access packages whose unmanaged policies may be deleted
  --scope files|packages|tenant  as for plan (default packages)
  --api-version v1.0|beta   version assumed when a file's $schema and shape do not say
  --timeout SECONDS         time limit for the whole command, not counting the time the confirmation waits
                            for an answer (default ${APPLY_TIMEOUT_S});
                            when it runs out, the policy in progress fails with a clear message and the
                            rest are not tried (nor is anything deleted)
  --jobs N                  threads checking the files, as for plan
${SIGN_IN_USAGE}

Output: stdout has one line per policy:
  <file or tenant policy>: created|updated|adopted|unchanged|deleted|skipped|failed <id>
Exit status: 0 everything applied, 1 something failed or was skipped for a reason, 2 usage or configuration error.`;

export async function runApply(argv: string[], io: CliIo, confirm: (question: string) => Promise<boolean> = askTerminal): Promise<number> {
  let args: FolderArgs;
  let connection: Connection;
  let yes: boolean;
  let deleteUnmanaged: boolean;
  let deletable: Set<string> | undefined;
  try {
    refuseSecretOnCommandLine(argv);
    const { flags, positionals } = parseArgs(argv, {
      ...FOLDER_SPEC,
      yes: 'boolean',
      'delete-unmanaged': 'boolean',
      'access-package': 'strings',
    });
    if (flags.help) {
      io.stdout(APPLY_USAGE + '\n');
      return EXIT.ok;
    }
    args = readFolderArgs(flags, positionals, io, APPLY_TIMEOUT_S);
    yes = flags.yes === true;
    deleteUnmanaged = flags['delete-unmanaged'] === true;
    const packages = (flags['access-package'] as string[] | undefined)?.map((p) => p.toLowerCase());
    if (packages && !deleteUnmanaged) throw new UsageError('--access-package only narrows --delete-unmanaged.');
    if (deleteUnmanaged && args.scope === 'tenant' && !packages?.length) {
      throw new UsageError(
        '--delete-unmanaged with --scope tenant would delete every policy no file describes; name the access packages with --access-package ID.',
      );
    }
    if (deleteUnmanaged && args.scope === 'files')
      throw new UsageError('--delete-unmanaged needs --scope packages or tenant: scope files has no unmanaged policies.');
    deletable = packages ? new Set(packages) : undefined;
    if (!yes && !process.stdin.isTTY) throw new UsageError('no terminal to confirm in: pass --yes to apply.');
    // A function: the confirmation's time is added to the limit, so the deadline moves with it.
    const limit = args.limit;
    connection = connect(args.signIn, io, { deadline: () => limit.graphDeadline });
  } catch (e) {
    return usageFailure('apply', e, io.stderr);
  }
  const planned = await planFromArgs(args, connection, io, 'apply');
  if (typeof planned === 'number') return planned;
  const plan = narrowDeletes(planned, deletable);
  io.stderr(planText(plan, { diffs: true }));
  const pending = plan.entries.filter(
    (e) => ['create', 'update', 'adopt'].includes(e.action) || (deleteUnmanaged && e.action === 'unmanaged'),
  ).length;
  if (pending > 0 && !yes) {
    const ok = await args.limit.excluding(() =>
      confirm(
        `Apply ${pending} change${pending === 1 ? '' : 's'} (${planSummary(plan)}) to ${environmentLabel(args.environment)}tenant ${plan.tenant}${deleteUnmanaged ? ', deleting unmanaged policies' : ''}? [y/N] `,
      ),
    );
    if (!ok) {
      io.stderr('Nothing was changed.\n');
      return EXIT.failed;
    }
  }
  const results = await applyFolderPlan(plan, {
    graph: connection.graph,
    deleteUnmanaged,
    tenantLabel: `tenant ${plan.tenant}`,
    environment: args.environment,
    onProgress: (m) => io.stderr(`${m}\n`),
    onResult: (r) => report(r, io),
    whyNotStart: () => (args.limit.reached ? args.limit.notTried : undefined),
  });
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.action] = (counts[r.action] ?? 0) + 1;
  io.stderr(
    `Applied to tenant ${plan.tenant}: ${
      Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'nothing to do'
    }.\n`,
  );
  const bad = results.some(
    (r) =>
      r.action === 'failed' || (r.action === 'skipped' && r.entry.action !== 'unmanaged') || (r.action === 'skipped' && deleteUnmanaged),
  );
  return bad ? EXIT.failed : EXIT.ok;
}

/** With --access-package, unmanaged policies of other packages are not candidates for deletion. */
function narrowDeletes(plan: FolderPlan, deletable: Set<string> | undefined): FolderPlan {
  if (!deletable) return plan;
  return {
    ...plan,
    entries: plan.entries.filter((e) => e.action !== 'unmanaged' || deletable.has(String(e.accessPackageId).toLowerCase())),
  };
}

function report(r: ApplyResult, io: CliIo): void {
  const where = r.entry.file ? displayPath(r.entry.file) : `tenant policy ${r.entry.id} (access package ${r.entry.accessPackageId})`;
  io.stdout(`${where}: ${r.action}${r.id ? ` ${r.id}` : ''}\n`);
  if (r.message) io.stderr(`${where}: ${r.message}\n`);
}

async function askTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
