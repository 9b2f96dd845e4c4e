// Shared wiring for the deploy tests: a tenant stand-in, a TokenProvider that takes tokens
// straight from the stand-in's token store, a fast-retrying Graph client and policy files on disk.
// needs-bundle: runCli
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { DEFAULT_APP_ROLES, startTenantStandIn, type TenantStandIn, type TenantStandInOptions } from '../../standin/src';
import type { TokenProvider } from '../../deploy/src/auth/tokenProvider';
import { GraphClient, type GraphRequestLogEntry } from '../../deploy/src/graph/index';

export const PACKAGE = 'a2e1ca1e-4e56-47d2-9daa-e2ba8d12a82b';
export const BETA_PACKAGE = '56ff43fd-6b05-48df-9634-956a777fce6d';

export interface TestTokenProvider extends TokenProvider {
  calls: number;
  refreshes: number;
}

/**
 * Tokens issued directly by the stand-in's store (no sign-in flow involved); by default what an
 * app-only sign-in of an app with the stand-in's default grant gets (its roles).
 */
export function storeTokenProvider(
  standIn: TenantStandIn,
  opts: { scopes?: string[]; appOnly?: boolean; username?: string; subject?: string; refreshGivesSameToken?: boolean } = {},
): TestTokenProvider {
  let current: string | undefined;
  const provider: TestTokenProvider = {
    calls: 0,
    refreshes: 0,
    async getToken(o) {
      provider.calls++;
      if (o?.forceRefresh) provider.refreshes++;
      if (!current || (o?.forceRefresh && !opts.refreshGivesSameToken)) {
        current = standIn.tokens.issue({
          tenantId: standIn.tenantId,
          clientId: standIn.clients[0].clientId,
          scopes: opts.scopes ?? DEFAULT_APP_ROLES,
          subject: opts.subject ?? randomUUID(),
          username: opts.username,
          appOnly: opts.appOnly ?? true,
        }).accessToken;
      }
      return { token: current, expiresOn: new Date(Date.now() + 3600_000), account: { tenantId: standIn.tenantId } };
    },
  };
  return provider;
}

export interface Harness {
  standIn: TenantStandIn;
  tokens: TestTokenProvider;
  graph: GraphClient;
  log: GraphRequestLogEntry[];
  dir: string;
  writePolicy(name: string, text: string): string;
  close(): Promise<void>;
}

export async function harness(
  options: TenantStandInOptions = {},
  tokenOpts: Parameters<typeof storeTokenProvider>[1] = {},
): Promise<Harness> {
  const standIn = await startTenantStandIn({ accessPackages: [PACKAGE, BETA_PACKAGE], tenantDisplayName: 'Contoso Test', ...options });
  const tokens = storeTokenProvider(standIn, tokenOpts);
  const log: GraphRequestLogEntry[] = [];
  const graph = new GraphClient({
    baseUrl: standIn.url,
    tokenProvider: tokens,
    logger: (e) => log.push(e),
    backoffBaseMs: 10,
    backoffCapMs: 40,
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-test-'));
  return {
    standIn,
    tokens,
    graph,
    log,
    dir,
    writePolicy(name, text) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    async close() {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid v1.0 policy file with comments and a $schema, as an author would keep it. */
export function v1PolicyText(opts: { displayName?: string; description?: string; accessPackageId?: string; id?: string } = {}): string {
  return `// Direct assignment by administrators only.
{
  "$schema": "https://example.invalid/schemas/accesspolicy-v1.0.schema.json",${opts.id ? `\n  "id": "${opts.id}",` : ''}
  "displayName": "${opts.displayName ?? 'Direct assignment'}",
  /* shown to approvers */
  "description": "${opts.description ?? 'policy for assignment'}",
  "allowedTargetScope": "notSpecified",
  "specificAllowedTargets": [],
  "expiration": { "endDateTime": null, "duration": null, "type": "noExpiration" },
  "requestorSettings": {
    "enableTargetsToSelfAddAccess": false,
    "enableTargetsToSelfUpdateAccess": false,
    "enableTargetsToSelfRemoveAccess": false,
    "allowCustomAssignmentSchedule": true,
    "enableOnBehalfRequestorsToAddAccess": false,
    "enableOnBehalfRequestorsToUpdateAccess": false,
    "enableOnBehalfRequestorsToRemoveAccess": false,
    "onBehalfRequestors": []
  },
  "requestApprovalSettings": {
    "isApprovalRequiredForAdd": false, // admins assign directly
    "isApprovalRequiredForUpdate": false,
    "stages": []
  },
  "accessPackage": { "id": "${opts.accessPackageId ?? PACKAGE}" }
}
`;
}

export function betaPolicyText(opts: { displayName?: string; accessPackageId?: string } = {}): string {
  return `{
  "accessPackageId": "${opts.accessPackageId ?? BETA_PACKAGE}",
  "displayName": "${opts.displayName ?? 'direct'}",
  "description": "direct assignments by administrator",
  "accessReviewSettings": null,
  "requestorSettings": { "scopeType": "NoSubjects", "acceptRequests": true, "allowedRequestors": [] },
  "requestApprovalSettings": {
    "isApprovalRequired": false,
    "isApprovalRequiredForExtension": false,
    "isRequestorJustificationRequired": false,
    "approvalMode": "NoApproval",
    "approvalStages": []
  }
}
`;
}

/** Creates a policy straight through the stand-in's Graph (an existing policy in the tenant). */
export async function seedPolicy(h: Harness, displayName: string): Promise<string> {
  const body = parseCommented(v1PolicyText({ displayName }));
  delete body.$schema;
  const res = await h.graph.request<{ id: string }>('POST', '/v1.0/identityGovernance/entitlementManagement/assignmentPolicies', { body });
  return res.body.id;
}

/** The value of a policy file with comments, read by jsonc-parser as the product reads it. */
function parseCommented(text: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: false });
  if (errors.length > 0) throw new Error(`test policy text is not valid JSON with comments: ${JSON.stringify(errors)}`);
  return value;
}

/** Every secret the stand-in ever issued or registered that appears in `text`. */
export function leakedSecrets(standIn: TenantStandIn, text: string): string[] {
  return standIn.tokens.allIssuedSecrets().filter((s) => s.length >= 8 && text.includes(s));
}

export function writes(standIn: TenantStandIn): string[] {
  return standIn.state.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.status}`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time from spawn to exit. */
  ms: number;
}

/**
 * Runs the bundled CLI (dist/cli.js) in its own process with only PATH and `env` set; with `bash`,
 * runs that command line instead (for pipes and process substitution, as a user's shell makes them).
 */
export function runCli(
  argv: string[],
  env: Record<string, string> = {},
  opts: { bash?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const [command, args] =
      opts.bash !== undefined ? ['bash', ['-c', opts.bash]] : [process.execPath, [path.resolve('dist/cli.js'), ...argv]];
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '', ...env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}
