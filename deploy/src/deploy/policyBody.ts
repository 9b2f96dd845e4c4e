// From a policy file's value to the body Graph takes. Comments are already gone (the value comes
// from the parser); `$schema` is the editor's, not Graph's; read-only properties (the schema's
// `readOnly` marks) are refused by the service on create and meaningless on update, so they are
// dropped, as are the control annotations of a body copied from a GET.
import { type ApiVersion, serviceSetTopLevel } from '../../../core/src';

const GET_ANNOTATIONS = ['@odata.context', '@odata.etag'];

export type PolicyValue = Record<string, unknown>;

export function requestBody(value: PolicyValue, apiVersion: ApiVersion, operation: 'create' | 'update', policyId?: string): PolicyValue {
  const drop = new Set(['$schema', ...serviceSetTopLevel(apiVersion), ...GET_ANNOTATIONS]);
  const body: PolicyValue = {};
  // Graph's docs send `id` first in a PUT body; the order only matters to a human reading the preview.
  if (operation === 'update' && policyId) body.id = policyId;
  for (const [k, v] of Object.entries(value)) {
    if (drop.has(k) || k === 'id') continue;
    body[k] = v;
  }
  return body;
}

export function accessPackageIdOf(value: PolicyValue, apiVersion: ApiVersion): string | undefined {
  if (apiVersion === 'v1.0') {
    const ap = value.accessPackage;
    const id = ap && typeof ap === 'object' ? (ap as Record<string, unknown>).id : undefined;
    return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
  }
  const id = value.accessPackageId;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

export function policyIdOf(value: PolicyValue): string | undefined {
  return typeof value.id === 'string' && value.id.trim() !== '' ? value.id.trim() : undefined;
}

export function displayNameOf(value: PolicyValue): string | undefined {
  return typeof value.displayName === 'string' && value.displayName.trim() !== '' ? value.displayName : undefined;
}

/** The auto-assignment marker (needs a licence and an admin role; helps explain a 403). */
export function isAutoAssignment(value: PolicyValue): boolean {
  return value.automaticRequestSettings !== undefined && value.automaticRequestSettings !== null;
}
