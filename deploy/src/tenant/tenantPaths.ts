// Where catalogs, access packages, custom extensions and policies are listed, per API version
// (docs/policy-facts.md, "Reading a tenant": lists). Policy paths themselves live in deploy/endpoints.ts.
import type { ApiVersion } from '../../../core/src';

const EM = 'identityGovernance/entitlementManagement';

export function catalogsPath(apiVersion: ApiVersion): string {
  return apiVersion === 'v1.0' ? `/v1.0/${EM}/catalogs` : `/beta/${EM}/accessPackageCatalogs`;
}

export function accessPackagesPath(apiVersion: ApiVersion): string {
  return `/${apiVersion}/${EM}/accessPackages`;
}

/** The access package's catalog navigation: v1.0 `catalog`, beta `accessPackageCatalog`. */
export function packageCatalogNavigation(apiVersion: ApiVersion): string {
  return apiVersion === 'v1.0' ? 'catalog' : 'accessPackageCatalog';
}
