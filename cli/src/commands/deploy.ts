// `accesspolicy deploy`: create or update policies in a tenant from files, for CI pipelines and
// terminals. Same deploy core as the editor command. stdout carries one line per file (stable, for
// scripts); everything else — plans, diffs, explanations, progress — goes to stderr.
import { deployPolicyFile, type DeployPlan, type DeployPolicyResult, type ActiveEnvironment } from '../../../deploy/src';
import {
  type ApiVersion,
  errorMessage,
  escapeMarkdown,
  formatLocation,
  renderComparisonMarkdown,
  renderComparisonText,
  summarizeBodies,
} from '../../../core/src';
import { appendFileSync } from 'node:fs';
import { parseArgs, readApiVersion, usageFailure, UsageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { readTimeout, TimeLimit } from '../timeLimit';
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
import { environmentLabel } from './plan';

/** Whole-command time limit when --timeout is not given: enough for a folder of policies. */
const DEFAULT_TIMEOUT_S = 600;

export const DEPLOY_USAGE = `Usage: accesspolicy deploy (--plan | --yes) (--env NAME | --tenant ID) [sign-in] [options] <files...>

Creates or updates access package assignment policies from *.accesspolicy.json files. A file with
an "id" updates that policy (PUT, a full replace); without one, the access package's policies are
searched by displayName: none found → create (the new id is written into the file), one → adopt
and update it (its id is written into the file), several → refused. In a folder with an
accesspolicy.config.json, --env names the environment, and the ids are read from and written to
its entries in accesspolicy.ids.json instead of the files.

  --plan                   show what would be sent (diff against the tenant), change nothing
  --yes                    deploy without asking (required to change anything)
  --api-version v1.0|beta  version assumed when a file's $schema and shape do not say (default v1.0)
  --timeout SECONDS        time limit for the whole command (default ${DEFAULT_TIMEOUT_S}); when it runs out,
                           the file in progress fails with a clear message and the rest are not tried
  --markdown PATH          with --plan: also append the plan as Markdown to PATH (a pull request
                           comment, or $GITHUB_STEP_SUMMARY): each policy in words before and after, and the diff
${SIGN_IN_USAGE}

Output: stdout has one line per file:
  <file>: created <id> | updated <id> | unchanged <id> | planned <create|update|unchanged> [<id>] | failed
Exit status: 0 all deployed or planned, 1 any file failed, 2 usage or configuration error
(bad flag, tenant, client id, secret variable or certificate; nothing was tried).`;

const SPEC = {
  ...SIGN_IN_SPEC,
  plan: 'boolean',
  yes: 'boolean',
  'api-version': 'string',
  timeout: 'string',
  markdown: 'string',
  help: 'boolean',
} as const;

interface DeployArgs {
  files: string[];
  plan: boolean;
  signIn: SignInArgs;
  apiVersion?: ApiVersion;
  timeoutS: number;
  markdown?: string;
  environment?: ActiveEnvironment;
}

export async function runDeploy(argv: string[], io: CliIo): Promise<number> {
  let args: DeployArgs | 'help';
  try {
    args = readArgs(argv, io.env);
  } catch (e) {
    return usageFailure('deploy', e, io.stderr);
  }
  if (args === 'help') {
    io.stdout(DEPLOY_USAGE + '\n');
    return 0;
  }

  const limit = new TimeLimit(args.timeoutS, io.startedAt);
  let connection: Connection;
  try {
    connection = connect(args.signIn, io, { deadline: limit.graphDeadline });
  } catch (e) {
    io.stderr(`accesspolicy deploy: ${errorMessage(e)}\n`);
    return EXIT.usage;
  }
  const { graph, cloud, graphRoot } = connection;
  const tenant = args.signIn.tenant;
  io.stderr(
    `${args.plan ? 'Planning' : 'Deploying'} ${args.files.length} file${args.files.length === 1 ? '' : 's'} for ${environmentLabel(args.environment)}tenant ${tenant}, cloud ${cloud.label}, Graph ${graphRoot}\n`,
  );

  let failed = 0;
  const markdown: string[] = [];
  for (const file of args.files) {
    if (limit.reached) {
      failed++;
      io.stdout(`${file}: failed\n`);
      io.stderr(`${file}: ${limit.notTried}\n`);
      continue;
    }
    let doing: string | undefined;
    try {
      const result = await limit.race(
        deployPolicyFile(file, {
          graph,
          defaultApiVersion: args.apiVersion,
          tenantLabel: `tenant ${tenant}`,
          planOnly: args.plan,
          environment: args.environment,
          // --yes is the consent to adopt as well; the plan and stderr say when it happens.
          confirmAdopt: async () => true,
          onProgress: (m) => {
            doing = m.replace(/…$/, '');
            io.stderr(`${file}: ${m}\n`);
          },
        }),
        () =>
          `deploying ${file}${doing ? ` (${doing})` : ''}. If a create was under way, run the deploy again: it adopts a policy that was created rather than make a second one`,
      );
      report(file, result, args.plan, io);
      if (args.markdown) markdown.push(planMarkdown(result.plan));
    } catch (e) {
      failed++;
      io.stdout(`${file}: failed\n`);
      io.stderr(`${file}: ${errorMessage(e)}\n`);
      const advice = connection.takeForbiddenAdvice();
      if (advice) io.stderr(`${file}: ${advice}\n`);
      if (args.markdown) markdown.push(`#### ${escapeMarkdown(file)}\n\n⛔ Not planned: ${escapeMarkdown(errorMessage(e))}\n`);
    }
  }
  if (args.markdown) {
    try {
      appendFileSync(args.markdown, `### Access policy plan for tenant ${escapeMarkdown(tenant)}\n\n${markdown.join('\n')}\n`);
    } catch (e) {
      io.stderr(`accesspolicy deploy: cannot write ${args.markdown}: ${errorMessage(e)}\n`);
      return 1;
    }
  }
  return failed ? 1 : 0;
}

function report(file: string, r: DeployPolicyResult, planOnly: boolean, io: CliIo): void {
  const p = r.plan;
  for (const w of p.warnings) io.stderr(`${formatLocation(w.range, file)} ${w.severity} ${w.code} ${w.message}\n`);
  if (p.duplicates) io.stderr(`${file}: warning: ${p.duplicates.message}\n`);
  if (planOnly || !r.outcome) {
    io.stderr(describePlan(p));
    io.stdout(`${file}: planned ${p.action}${p.policyId ? ` ${p.policyId}` : ''}\n`);
    return;
  }
  const o = r.outcome;
  io.stderr(`${file}: ${o.action} ${p.apiVersion} policy "${p.displayName}" (${o.policyId}) in access package ${p.accessPackageId}\n`);
  if (p.action === 'update' && p.resets.length) io.stderr(`${file}: reset by the full replace: ${p.resets.join(', ')}\n`);
  for (const n of r.notes) io.stderr(`${file}: ${n}\n`);
  if (r.idWritten) io.stderr(`${file}: wrote "id": "${o.policyId}" into the file\n`);
  io.stdout(`${file}: ${o.action} ${o.policyId}\n`);
}

function describePlan(p: DeployPlan): string {
  const lines: string[] = [];
  const what =
    p.action === 'create'
      ? `create (POST ${p.path})`
      : p.action === 'update'
        ? `update policy ${p.policyId} (PUT ${p.path})`
        : `unchanged: policy ${p.policyId} already matches`;
  lines.push(`${p.label}: ${p.apiVersion} "${p.displayName}" in access package ${p.accessPackageId}: ${what}`);
  if (p.adopted)
    lines.push(`  adopts the existing policy ${p.adopted.id} with the same display name; its id will be written into the file`);
  if (p.resets.length) lines.push(`  the full replace resets these properties the file leaves out: ${p.resets.join(', ')}`);
  for (const c of p.changes.filter((c) => c.kind !== 'reset')) lines.push(`  ${c.kind}: ${c.path}`);
  if (p.action !== 'unchanged' && p.diffText) lines.push(p.diffText);
  // The policy in words before and after, so a reviewer reads "approval goes from 1 stage to
  // 2 stages" rather than the JSON diff alone.
  if (p.action !== 'unchanged') {
    const { before, after } = summarizeBodies(p.action === 'create' ? undefined : p.current, p.body, p.apiVersion);
    lines.push(renderComparisonText(p.label, before, after).trimEnd());
  }
  return lines.join('\n') + '\n';
}

/** One policy's plan for a pull request comment: the action, the summary before and after, the diff. */
function planMarkdown(p: DeployPlan): string {
  const what =
    p.action === 'create' ? 'create' : p.action === 'update' ? `update policy \`${p.policyId}\`` : `unchanged (policy \`${p.policyId}\`)`;
  const head = `**${escapeMarkdown(p.displayName)}** (Graph ${p.apiVersion}, access package \`${p.accessPackageId}\`): ${what}`;
  if (p.action === 'unchanged') return `#### ${escapeMarkdown(p.label)}\n\n${head}\n`;
  const { before, after } = summarizeBodies(p.action === 'create' ? undefined : p.current, p.body, p.apiVersion);
  const parts = [
    renderComparisonMarkdown(p.label, before, after).replace(/^#### [^\n]*\n\n/, `#### ${escapeMarkdown(p.label)}\n\n${head}\n\n`),
  ];
  if (p.resets.length) parts.push(`The full replace resets: ${p.resets.map((r) => `\`${r}\``).join(', ')}\n`);
  if (p.diffText)
    parts.push(`<details><summary>JSON diff</summary>\n\n\`\`\`diff\n${p.diffText.replace(/`{3,}/g, "'''")}\n\`\`\`\n\n</details>\n`);
  return parts.join('\n');
}

function readArgs(argv: string[], env: NodeJS.ProcessEnv): DeployArgs | 'help' {
  refuseSecretOnCommandLine(argv);
  const { flags, positionals } = parseArgs(argv, SPEC);
  if (flags.help) return 'help';
  const plan = flags.plan === true;
  if (plan && flags.yes) throw new UsageError('--plan and --yes exclude each other: --plan changes nothing.');
  if (flags.markdown !== undefined && !plan) throw new UsageError('--markdown goes with --plan.');
  if (!plan && !flags.yes) throw new UsageError('add --yes to deploy, or --plan to see what would change.');
  if (positionals.length === 0) throw new UsageError('name at least one policy file.');
  const environment = readEnvironment(flags, positionals);
  const signIn = readSignIn(flags, env, environment);
  const timeoutS = readTimeout(flags.timeout, DEFAULT_TIMEOUT_S);
  return {
    files: positionals,
    plan,
    signIn,
    apiVersion: readApiVersion(flags['api-version']),
    timeoutS,
    markdown: flags.markdown as string | undefined,
    environment,
  };
}
