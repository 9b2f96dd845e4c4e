export {
  planVerified,
  refuseInvalid,
  findByNaturalKey,
  type DeployPlan,
  type PlanContext,
  type PlannedAction,
  type PolicyVerdict,
} from './planner';
export { planDeploy, validateForDeploy } from './planDeploy';
export { applyPlan, type ApplyContext, type DeployOutcome, type DeployAction } from './executor';
export { deployPolicyText, deployPolicyFile, type DeployPolicyOptions, type DeployPolicyResult } from './deployPolicy';
export { DeployError, type DeployErrorKind } from './deployError';
export { policyIdEdits, planIdWriteBack, writeFileAtomic, writePolicyIdToFile, detectFormatting, type IdWriteBack } from './writeBack';
export { unifiedDiff } from './textDiff';
export { diffPolicy, normalizeCurrent, type PropertyChange } from './compare';
export { requestBody, accessPackageIdOf, displayNameOf, type PolicyValue } from './policyBody';
export { policyCollectionPath, policyItemPath, accessPackagePath, policyGetQuery } from './endpoints';
export { locateProperties, type FileLocation } from './locate';
