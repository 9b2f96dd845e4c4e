// The local tenant stand-in's public surface: start one in-process (tests), or run main.ts
// (dist/standin.js). It shares no code with the product (eslint.config.mjs holds it apart).
export { startTenantStandIn, type TenantStandIn, type TenantStandInOptions, type StandInClient, type StandInUser } from './standIn';
export { DEFAULT_APP_ROLES } from './authority/state';
