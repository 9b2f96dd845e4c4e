// CLI entry of the local tenant stand-in (`node dist/standin.js`): starts it on 127.0.0.1 and prints
// what to pass to `accesspolicy deploy` (or the extension) to use it.
import { randomBytes, randomUUID } from 'node:crypto';
import { startTenantStandIn } from './standIn';
import { errorMessage } from './util/errorMessage';

const USAGE = `Usage: node dist/standin.js [--port N] [--tenant-id GUID] [--tenant-name NAME] [--access-package GUID ...]
                           [--client-id GUID] [--app-client-id GUID] [--user NAME] [--seed N] [--page-size N]
                           [--other-tenant GUID[=DOMAIN] ...]
Registers two apps: --client-id, a public client for interactive sign-in (the extension, CLI
--device-code), and --app-client-id, a confidential client for app-only sign-in (CLI
--client-secret-env). Its secret is read from STANDIN_CLIENT_SECRET; without it app-only sign-in is
refused (the stand-in never prints a secret). --user names the account that signs in interactively (default admin@contoso.example).
--seed N fills the tenant with N policies of every kind across catalogs and access packages (and the users,
groups, service principals and connected organizations they name, one group name twice), a
third of them shaped as the portal makes them; --page-size sets Graph's list page size (default 50).
--other-tenant adds a tenant on the same port (sign-in by its id or DOMAIN, Graph by the token's
tenant), with the same apps, user and access package ids: one folder deployed to two environments.`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Args {
  port: number;
  tenantId?: string;
  tenantName?: string;
  clientId?: string;
  appClientId?: string;
  user?: string;
  accessPackages: string[];
  seed?: number;
  pageSize?: number;
  otherTenants: { tenantId: string; domain?: string }[];
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { port: 0, accessPackages: [], otherTenants: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    if (a === '--help' || a === '-h') return USAGE;
    const v = a.startsWith('--') ? value() : undefined;
    if (v === undefined) return `Missing or unknown argument "${a}".\n${USAGE}`;
    switch (a) {
      case '--port': {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) return `--port must be 0..65535, got "${v}".`;
        args.port = n;
        break;
      }
      case '--access-package':
        if (!GUID.test(v)) return `--access-package must be a GUID, got "${v}".`;
        args.accessPackages.push(v);
        break;
      case '--tenant-id':
        if (!GUID.test(v)) return `--tenant-id must be a GUID, got "${v}".`;
        args.tenantId = v;
        break;
      case '--client-id':
        if (!GUID.test(v)) return `--client-id must be a GUID, got "${v}".`;
        args.clientId = v;
        break;
      case '--app-client-id':
        if (!GUID.test(v)) return `--app-client-id must be a GUID, got "${v}".`;
        args.appClientId = v;
        break;
      case '--user':
        if (!/^[^@\s]+@[^@\s]+$/.test(v)) return `--user must look like name@domain, got "${v}".`;
        args.user = v;
        break;
      case '--seed':
      case '--page-size': {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) return `${a} must be a positive integer, got "${v}".`;
        if (a === '--seed') args.seed = n;
        else args.pageSize = n;
        break;
      }
      case '--tenant-name':
        args.tenantName = v;
        break;
      case '--other-tenant': {
        const [id, domain] = v.split('=');
        if (!GUID.test(id) || (domain !== undefined && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain)))
          return `--other-tenant takes GUID or GUID=DOMAIN, got "${v}".`;
        args.otherTenants.push({ tenantId: id, domain });
        break;
      }
      default:
        return `Unknown option "${a}".\n${USAGE}`;
    }
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    const isHelp = args === USAGE;
    (isHelp ? process.stdout : process.stderr).write(args + '\n');
    return isHelp ? 0 : 2;
  }
  // The app's secret is only ever read from the environment; the stand-in never prints one.
  const envSecret = process.env.STANDIN_CLIENT_SECRET;
  const secret = envSecret && envSecret.length > 0 ? envSecret : undefined;
  const clientId = args.clientId ?? randomUUID();
  const appClientId = args.appClientId ?? randomUUID();
  const user = args.user ?? 'admin@contoso.example';
  const accessPackages = args.accessPackages.length ? args.accessPackages : [randomUUID()];
  let standIn;
  try {
    standIn = await startTenantStandIn({
      port: args.port,
      tenantId: args.tenantId,
      tenantDisplayName: args.tenantName,
      accessPackages,
      seedPolicies: args.seed,
      pageSize: args.pageSize,
      otherTenants: args.otherTenants.map((t) => ({ ...t, accessPackages })),
      // Without a secret in the environment the app exists but cannot sign in (invalid_client).
      clients: [{ clientId }, { clientId: appClientId, secret: secret ?? randomBytes(24).toString('base64url') }],
      users: [{ username: user, objectId: randomUUID() }],
    });
  } catch (e) {
    process.stderr.write(`Could not start the tenant stand-in: ${errorMessage(e)}\n`);
    return 1;
  }
  const out = [
    `Tenant stand-in listening on ${standIn.url}`,
    `  tenant:          ${standIn.tenantDisplayName} (${standIn.tenantId})`,
    ...standIn.tenants.slice(1).map((t) => `  also tenant:     ${t.tenantDisplayName} (${t.tenantId}${t.domain ? `, ${t.domain}` : ''})`),
    `  access packages: ${accessPackages.join(', ')}${args.seed ? ` and ${standIn.state.packages.size - accessPackages.length} seeded (${args.seed} policies in ${standIn.state.catalogs.size} catalogs)` : ''}`,
    `  user:            ${user} (interactive sign-in, public client ${clientId})`,
    `  app:             ${appClientId} (app-only sign-in)`,
    secret
      ? `  app secret:      from STANDIN_CLIENT_SECRET`
      : `  app secret:      none: start the stand-in with STANDIN_CLIENT_SECRET=<any value> set to use app-only sign-in`,
    ``,
    `VS Code user settings:`,
    `  "accessPolicy.tenant": "${standIn.tenantId}", "accessPolicy.clientId": "${clientId}",`,
    `  "accessPolicy.dev.authorityUrl": "${standIn.url}", "accessPolicy.dev.graphUrl": "${standIn.url}"`,
    ``,
    `Deploy from the command line with:`,
    `  accesspolicy deploy --tenant ${standIn.tenantId} --client-id ${appClientId} --client-secret-env STANDIN_CLIENT_SECRET \\`,
    `    --graph-url ${standIn.url} --authority-url ${standIn.url} --yes <file.accesspolicy.json>`,
    ``,
    `Faults: POST ${standIn.url}/_standin/faults with e.g. {"throttle":{"count":2,"retryAfterSeconds":3}},`,
    `        {"failAfterCommit":{"count":1,"mode":"504"}}, {"failure":{"count":1,"status":503}}, {"latencyMs":500};`,
    `        GET ${standIn.url}/_standin/state shows policies and requests. Ctrl+C stops.`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await standIn.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`tenant stand-in failed: ${errorMessage(e)}\n`);
    process.exit(1);
  },
);
