// The deploy core's public surface, the only module the client and the CLI import from deploy
// (eslint.config.mjs enforces it): clouds, sign-in, the Graph client, the one-file deploy planner,
// the tenant reader, the folder commands and the folder's environments. No VS Code imports.
export * from './cloud';
export * from './auth/index';
export * from './graph/index';
export * from './deploy/index';
export { SelectionError, type Selection } from './tenant/selection';
export {
  readCatalogs,
  readAccessPackages,
  readPolicies,
  type TenantCatalog,
  type TenantAccessPackage,
  type TenantPolicy,
} from './tenant/tenantReader';
export { policyIdInText } from './folder/folderIndex';
export { fileValue } from './folder/policyShape';
export { newPolicyFileText } from './folder/policyFileText';
export { findPolicyFiles, errnoText, POLICY_SUFFIX, type FileArgResult } from './folder/findPolicyFiles';
export { pullTenant, type PullAction, type PullEntry, type PullOptions, type PullResult } from './folder/pull';
export {
  planFolderVerified,
  compareWithTenant,
  planExitCode,
  type FileVerdict,
  type PlanScope,
  type PlanAction,
  type PlanChange,
  type PlanEntry,
  type FolderPlan,
  type PlanFolderOptions,
} from './folder/folderPlan';
export { planFolder } from './folder/planFolder';
export { planJson, planCounts, planSummary, planText, planMarkdown } from './folder/planReport';
export { applyFolderPlan, type ApplyAction, type ApplyResult, type ApplyFolderOptions } from './folder/applyFolder';
export {
  DirectoryLookup,
  LOOKUP_PERMISSIONS,
  IDS_PER_GET_BY_IDS,
  SUGGESTIONS_PER_PREFIX,
  type DirectoryObject,
  type DirectoryLookupOptions,
} from './directory/directoryLookup';
export { answerDirectoryQueries, lookedUpOf, suggestNames } from './directory/editorAnswers';
export * from './environments/index';
