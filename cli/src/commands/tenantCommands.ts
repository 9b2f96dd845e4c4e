// The commands that sign in and talk to a tenant. They share the sign-in and Graph code (msal-node
// among it), which `validate` never needs, so the build puts them in a bundle of their own
// (dist/cli-tenant-main.js, through its launcher dist/cli-tenant.js) that dist/cli.js loads only when one of them is asked for.
export { runDeploy } from './deploy';
export { runPull } from './pull';
export { runPlan } from './plan';
export { runApply } from './apply';
