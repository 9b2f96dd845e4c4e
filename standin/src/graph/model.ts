// What the stand-in accepts in a policy body, per API version. The real service's strictness is
// not documented (docs/policy-facts.md, "What is not documented"); the stand-in rejects unknown top-level properties
// and read-only ones on create so a client learns to send clean bodies [INF].
import type { PolicyApiVersion } from './state';

const V1_WRITABLE = new Set([
  '@odata.type',
  'displayName',
  'description',
  'allowedTargetScope',
  'specificAllowedTargets',
  'expiration',
  'requestorSettings',
  'requestApprovalSettings',
  'reviewSettings',
  'automaticRequestSettings',
  'notificationSettings',
  'accessPackage',
  'questions',
  'customExtensionStageSettings',
]);
const V1_READ_ONLY = new Set(['createdDateTime', 'modifiedDateTime', 'catalog']);

const BETA_WRITABLE = new Set([
  '@odata.type',
  'accessPackageId',
  'displayName',
  'description',
  'canExtend',
  'durationInDays',
  'expirationDateTime',
  'requestorSettings',
  'requestApprovalSettings',
  'accessReviewSettings',
  'questions',
  'verifiableCredentialSettings',
  'accessPackageNotificationSettings',
  'customExtensionHandlers',
  'customExtensionStageSettings',
  // Seen in Microsoft's beta examples though absent from the beta type (docs/policy-facts.md, "Which version a body is written for").
  'expiration',
]);
const BETA_READ_ONLY = new Set(['createdBy', 'modifiedBy', 'createdDateTime', 'modifiedDateTime', 'accessPackage', 'accessPackageCatalog']);

export interface ModelProblem {
  status: 400;
  code: string;
  message: string;
}

export interface AcceptedBody {
  accessPackageId: string;
  body: Record<string, unknown>;
}

const TYPE = 'microsoft.graph.accessPackageAssignmentPolicy';

/** Checks a create (POST) or replace (PUT) body; returns the stored form or the 400 to send. */
export function acceptPolicyBody(apiVersion: PolicyApiVersion, raw: unknown, operation: 'create' | 'replace'): AcceptedBody | ModelProblem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { status: 400, code: 'BadRequest', message: 'The request body must be a JSON object.' };
  }
  const input = raw as Record<string, unknown>;
  const writable = apiVersion === 'v1.0' ? V1_WRITABLE : BETA_WRITABLE;
  const readOnly = apiVersion === 'v1.0' ? V1_READ_ONLY : BETA_READ_ONLY;
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'id' || key.startsWith('@odata.context')) continue;
    if (readOnly.has(key)) {
      if (operation === 'create') return invalidModel(`The property '${key}' is read-only and cannot be set on create.`);
      continue;
    }
    if (!writable.has(key)) {
      return invalidModel(`The property '${key}' does not exist on type '${TYPE}'.`);
    }
    body[key] = structuredClone(value);
  }
  if (body.displayName !== undefined && typeof body.displayName !== 'string') {
    return invalidModel(`The property 'displayName' must be a string.`);
  }
  let accessPackageId: unknown;
  if (apiVersion === 'v1.0') {
    const ap = body.accessPackage;
    accessPackageId = typeof ap === 'object' && ap !== null ? (ap as Record<string, unknown>).id : undefined;
    if (typeof accessPackageId !== 'string' || accessPackageId === '') {
      return invalidModel(`The property 'accessPackage' is required and must carry the id of an existing access package.`);
    }
    body.accessPackage = { id: accessPackageId };
  } else {
    accessPackageId = body.accessPackageId;
    if (typeof accessPackageId !== 'string' || accessPackageId === '') {
      // The beta service reports a missing accessPackageId this way (docs/policy-facts.md, R22).
      return { status: 400, code: 'ArgumentNullException', message: 'Value cannot be null.\r\nParameter name: accessPackageId' };
    }
  }
  return { accessPackageId: (accessPackageId as string).toLowerCase(), body };
}

function invalidModel(detail: string): ModelProblem {
  return { status: 400, code: 'InvalidModel', message: `The model is invalid. ${detail}` };
}

export function isModelProblem(x: AcceptedBody | ModelProblem): x is ModelProblem {
  return (x as ModelProblem).status === 400;
}
