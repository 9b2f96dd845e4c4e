// Every command the extension contributes, once. The client registers these, the status bar and
// the server's CodeLens (which passes the document's URI as a string) name them from here, and test/client/manifest.test.ts checks
// package.json's `contributes.commands`, menus and activation events against this list.
export const COMMANDS = {
  signIn: 'accessPolicy.signIn',
  signOut: 'accessPolicy.signOut',
  deploy: 'accessPolicy.deploy',
  convertToV1: 'accessPolicy.convertToV1',
  showSummary: 'accessPolicy.showSummary',
  selectEnvironment: 'accessPolicy.selectEnvironment',
  /** Plans one file against the tenant (the CodeLens's *Plan*). */
  planFile: 'accessPolicy.planFile',
  planWorkspace: 'accessPolicy.planWorkspace',
  applyWorkspace: 'accessPolicy.applyWorkspace',
  /** Tenant view: reads the tenant again. */
  refreshTenantView: 'accessPolicy.refreshTenantView',
  /** Tenant view: a policy, a package, a catalog or (no argument) everything into the workspace. */
  pull: 'accessPolicy.pull',
  openTenantVersion: 'accessPolicy.openTenantVersion',
  compareWithFile: 'accessPolicy.compareWithFile',
  /** Plan view: what a click on an entry opens (its diff, its file or the tenant's policy). */
  openPlanEntry: 'accessPolicy.openPlanEntry',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The views the extension contributes, in its own view container. */
export const VIEWS = {
  container: 'accessPolicy',
  tenant: 'accessPolicy.tenantView',
  plan: 'accessPolicy.planView',
} as const;

/** Context keys the extension sets for `when` clauses in package.json. */
export const CONTEXT_KEYS = {
  signedIn: 'accessPolicy.signedIn',
} as const;
