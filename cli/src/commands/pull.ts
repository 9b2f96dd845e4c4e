// `accesspolicy pull`: the tenant's policies into a folder, one file per policy. A thin layer over
// deploy/src/folder/pull.ts: flags, sign-in, output lines and exit status.
import path from 'node:path';
import { pullTenant } from '../../../deploy/src';
import { parseArgs, readApiVersion, usageFailure, UsageError } from '../args';
import { EXIT, type CliIo } from '../io';
import { SIGN_IN_SPEC, SIGN_IN_USAGE, connect, readEnvironment, readSignIn, refuseSecretOnCommandLine } from '../signIn';
import { environmentLabel } from './plan';
import { failureText, readTimeout, TimeLimit } from '../timeLimit';

/** Whole-command time limit when --timeout is not given: enough to read thousands of policies. */
const DEFAULT_TIMEOUT_S = 600;

export const PULL_USAGE = `Usage: accesspolicy pull (--env NAME | --tenant ID) [sign-in] [--catalog ID|NAME]... [--access-package ID|NAME]...
                        [--api-version v1.0|beta] [--out DIR] [--portable] [--timeout SECONDS]

Writes every policy the identity can read (or those of the named catalogs and access packages)
into DIR/<catalog>/<access package>/<policy>.accesspolicy.json: exactly the body an update needs
(the id, the access package, every setting), nothing the service maintains. A policy whose id a
file in DIR already holds is updated in that file, keeping its comments; a file with no id (a
portable one, or one new to the environment) holds the policy of its access package and display
name (two such files for one policy are refused); pulling again with no change in the tenant
writes nothing. Files whose policy is gone from the tenant are reported and kept.
In a folder with an accesspolicy.config.json, --env names the environment: the files get no "id",
and each policy's id goes into that environment's entries of accesspolicy.ids.json.

  --catalog ID|NAME         only this catalog's access packages (repeatable)
  --access-package ID|NAME  only this access package (repeatable; with --catalog, within it)
  --api-version v1.0|beta   the shape of the files (default v1.0)
  --out DIR                 the folder (default: the current folder)
  --portable                names instead of ids wherever the name is unique in the tenant
                            (\${user:UPN}, \${group:name}, \${accessPackage:catalog/package}, …; see
                            docs/references.md) and no policy id, so the folder deploys to another
                            tenant; an id that stays gets a comment saying why
  --timeout SECONDS         time limit for the whole command (default ${DEFAULT_TIMEOUT_S}); when it runs out
                            while the tenant is read, the read fails with a clear message and nothing is
                            written (files are written only once everything is read, and then all of them)
${SIGN_IN_USAGE}

Output: stdout has one line per policy: <path>: created|updated|unchanged|gone|failed <id>
Exit status: 0 done, 1 a policy could not be read or written, 2 usage or configuration error.`;

const SPEC = {
  ...SIGN_IN_SPEC,
  catalog: 'strings',
  'access-package': 'strings',
  'api-version': 'string',
  out: 'string',
  timeout: 'string',
  portable: 'boolean',
  help: 'boolean',
} as const;

export async function runPull(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    refuseSecretOnCommandLine(argv);
    const { flags, positionals } = parseArgs(argv, SPEC);
    if (flags.help) {
      io.stdout(PULL_USAGE + '\n');
      return EXIT.ok;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}": pull takes no files (use --out DIR).`);
    const out = (flags.out as string | undefined) ?? '.';
    const environment = readEnvironment(flags, [out]);
    const signIn = readSignIn(flags, io.env, environment);
    const apiVersion = readApiVersion(flags['api-version']) ?? 'v1.0';
    const limit = new TimeLimit(readTimeout(flags.timeout, DEFAULT_TIMEOUT_S), io.startedAt);
    const connection = connect(signIn, io, { deadline: limit.graphDeadline });
    parsed = {
      signIn,
      apiVersion,
      out,
      environment,
      catalogs: flags.catalog as string[] | undefined,
      accessPackages: flags['access-package'] as string[] | undefined,
      portable: flags.portable === true,
      connection,
      limit,
    };
  } catch (e) {
    return usageFailure('pull', e, io.stderr);
  }
  const { connection, apiVersion, out, limit } = parsed;
  io.stderr(
    `Pulling ${apiVersion} policies of ${environmentLabel(parsed.environment)}tenant ${parsed.signIn.tenant} (cloud ${connection.cloud.label}, Graph ${connection.graphRoot}) into ${path.resolve(out)}\n`,
  );
  let result;
  try {
    // Graph calls stop at the limit themselves; signing in is the one wait they do not bound. The
    // writes are not raced: abandoned half way, they would leave a folder partly pulled.
    await limit.race(connection.tokens.getToken(), () => 'signing in');
    result = await pullTenant({
      graph: connection.graph,
      apiVersion,
      outDir: out,
      catalogs: parsed.catalogs,
      accessPackages: parsed.accessPackages,
      portable: parsed.portable,
      environment: parsed.environment,
      onProgress: (m) => io.stderr(`${m}\n`),
    });
  } catch (e) {
    // Nothing was written: the tenant is read completely before any file is touched.
    io.stderr(`accesspolicy pull: ${failureText(e)}\nNothing was written.\n`);
    return EXIT.failed;
  }
  const counts: Record<string, number> = {};
  // The lines go out in as few writes as the reasons on stderr allow (in the same order): a write
  // per line of 2,000 was a tenth of a pull's own time.
  let lines = '';
  for (const e of result.entries) {
    counts[e.action] = (counts[e.action] ?? 0) + 1;
    lines += `${displayPath(e.file)}: ${e.action} ${e.id}\n`;
    if (e.reason) {
      io.stdout(lines);
      lines = '';
      io.stderr(`${e.file}: ${e.reason}\n`);
    }
  }
  io.stdout(lines);
  io.stderr(
    `${result.policies} polic${result.policies === 1 ? 'y' : 'ies'} read: ${
      Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'nothing to write'
    }\n`,
  );
  return counts.failed ? EXIT.failed : EXIT.ok;
}

/** Relative to the current folder when inside it (as a user typed it), otherwise absolute. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(file);
}
