// Where a policy lives in Graph, per API version (docs/policy-facts.md, "Endpoints and clouds"): v1.0 `assignmentPolicies`, beta
// `accessPackageAssignmentPolicies`; both under identityGovernance/entitlementManagement.
import type { ApiVersion } from '../../../core/src';

const EM = 'identityGovernance/entitlementManagement';

export function policyCollectionPath(apiVersion: ApiVersion): string {
  return apiVersion === 'v1.0' ? `/v1.0/${EM}/assignmentPolicies` : `/beta/${EM}/accessPackageAssignmentPolicies`;
}

export function policyItemPath(apiVersion: ApiVersion, id: string): string {
  return `${policyCollectionPath(apiVersion)}/${encodeURIComponent(id)}`;
}

export function accessPackagePath(apiVersion: ApiVersion, id: string): string {
  return `/${apiVersion}/${EM}/accessPackages/${encodeURIComponent(id)}`;
}

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `$expand` that makes a policy read return everything a file holds: v1.0 leaves the access
 * package, questions and custom extension stage settings out by default (docs/policy-facts.md, "Reading a tenant": what a GET leaves out);
 * beta inlines questions and carries `accessPackageId`.
 */
export function policyExpand(apiVersion: ApiVersion): string {
  return apiVersion === 'v1.0'
    ? 'accessPackage($select=id,displayName),questions,customExtensionStageSettings($expand=customExtension($select=id,displayName))'
    : 'customExtensionStageSettings($expand=customExtension($select=id,displayName))';
}

/**
 * Query for the policies of one access package (the natural key's first half). Both versions
 * filter on the navigation `accessPackage/id`: beta refuses a filter on its own `accessPackageId`
 * property (400 InvalidFilter, microsoft-graph-docs#7519). v1.0 bodies name their package only
 * when it is expanded; beta bodies carry `accessPackageId`.
 */
export function policiesOfPackageQuery(apiVersion: ApiVersion, accessPackageId: string): Record<string, string> {
  const $filter = `accessPackage/id eq ${odataString(accessPackageId)}`;
  return { $filter, $expand: policyExpand(apiVersion) };
}

/** Query for one policy, with the access package expanded so it can be compared (v1.0). */
export function policyGetQuery(apiVersion: ApiVersion): Record<string, string> | undefined {
  return { $expand: policyExpand(apiVersion) };
}
