// Converts a beta (legacy) policy body to the v1.0 shape, following the beta → v1.0 correspondence in
// docs/policy-facts.md, "Which version a body is written for" ([INF]: the table itself is inferred from Microsoft's examples). Pure: text
// in, text out. Where beta says something v1.0 cannot, it refuses with the reasons rather than
// silently dropping behaviour.
import { validatePolicy } from '../validate';
import { FILE_CODES, SCHEMA_CODES } from '../diagnostics/catalogue';
import { isRecord } from '../schemaNavigator';
import { SCHEMA_FILE_NAMES } from '../schemas';
import { schemaUrl } from '../apiVersion';
import { BETA_SCOPE_TO_V1 } from '../versionHints';
import { Problems } from './problems';
import { convertUserSets } from './subjects';
import { convertApprovalSettings } from './approvals';
import { convertReviewSettings } from './reviews';
import { convertQuestions } from './questions';
import { daysToDuration, isCount } from './durations';

export type ConversionResult = { ok: true; text: string; notes: string[] } | { ok: false; reasons: string[] };

export const V1_SCHEMA_URL = schemaUrl('v1.0');

/** Diagnostics that do not stop a conversion: placeholders carry over and are reported again in v1.0. */
function blocks(d: { code: string; severity: string; data?: Record<string, unknown> }): boolean {
  if (d.severity !== 'error') return false;
  if (d.code === SCHEMA_CODES.notGuid && d.data?.placeholder === true) return false;
  // Service rules (AP2xxx) judge the beta policy as the beta service would; the v1.0 result is
  // judged again by its own rules once converted.
  return /^AP[01]/.test(d.code);
}

export function convertBetaToV1(text: string): ConversionResult {
  const validation = validatePolicy(text, { defaultApiVersion: 'beta' });
  const syntax = validation.diagnostics.filter((d) => d.code === FILE_CODES.syntax);
  if (syntax.length > 0) {
    return { ok: false, reasons: syntax.slice(0, 5).map((d) => `Line ${d.range.start.line + 1}: ${d.message} Fix the JSON first.`) };
  }
  // Quoted booleans and numbers are converted as what they mean (and written as JSON values).
  const policy = validation.asRead;
  if (!isRecord(policy)) return { ok: false, reasons: ['The file does not hold a policy object, so there is nothing to convert.'] };
  if (validation.apiVersion === 'v1.0') {
    const why = validation.apiVersionSource === 'schema' ? 'its $schema names the v1.0 schema' : 'it uses v1.0 properties';
    return { ok: false, reasons: [`This file is already written for v1.0 (${why}); only beta policies are converted.`] };
  }
  const blocking = validation.diagnostics.filter(blocks);
  if (blocking.length > 0) {
    const shown = blocking.slice(0, 8).map((d) => `Line ${d.range.start.line + 1}: ${d.message}`);
    if (blocking.length > 8) shown.push(`… and ${blocking.length - 8} more problems.`);
    return { ok: false, reasons: ['The beta policy has errors to fix before it can be converted:', ...shown] };
  }

  const p = new Problems();
  const out = convertPolicy(policy, p);
  if (p.reasons.length > 0) return { ok: false, reasons: p.reasons };
  if (hasComments(text)) p.note('Comments in the beta file are not carried over.');
  return { ok: true, text: format(out, text), notes: p.notes };
}

function convertPolicy(beta: Record<string, unknown>, p: Problems): Record<string, unknown> {
  // Built in the order of Microsoft's v1.0 examples, so the result reads like them.
  const out: Record<string, unknown> = { $schema: v1SchemaRef(beta.$schema) };
  const handled = new Set<string>(['$schema']);
  const take = (key: string) => {
    handled.add(key);
    return beta[key];
  };

  if ('@odata.type' in beta) out['@odata.type'] = take('@odata.type');
  if ('id' in beta) out.id = take('id');
  if ('displayName' in beta) out.displayName = take('displayName');
  if ('description' in beta) out.description = take('description');

  // Who may request.
  const requestor = take('requestorSettings');
  const canExtend = take('canExtend');
  const scopes = convertRequestorSettings(requestor, canExtend, p);
  Object.assign(out, scopes.target);

  // How long assignments last.
  out.expiration = convertExpiration(take('durationInDays'), take('expirationDateTime'), p);
  if (scopes.requestorSettings) out.requestorSettings = scopes.requestorSettings;

  if ('requestApprovalSettings' in beta) out.requestApprovalSettings = convertApprovalSettings(take('requestApprovalSettings'), p);
  const reviews = convertReviewSettings(take('accessReviewSettings'), p);
  if (reviews) out.reviewSettings = reviews;
  if ('questions' in beta) out.questions = convertQuestions(take('questions'), p);

  if ('accessPackageNotificationSettings' in beta) out.notificationSettings = take('accessPackageNotificationSettings');

  const handlers = take('customExtensionHandlers');
  if (Array.isArray(handlers) && handlers.length > 0) {
    p.refuse(
      'customExtensionHandlers (deprecated, beta only) has entries. v1.0 has only customExtensionStageSettings, whose extensions are of a different type (customCalloutExtension rather than customAccessPackageWorkflowExtension), so the handlers cannot be carried over as they are. Move them to customExtensionStageSettings in beta first, then convert.',
    );
  } else if (handlers !== undefined) {
    p.note('The empty customExtensionHandlers (deprecated, beta only) was dropped.');
  }
  if ('customExtensionStageSettings' in beta) out.customExtensionStageSettings = take('customExtensionStageSettings');

  const credentials = take('verifiableCredentialSettings');
  if (isRecord(credentials) && Array.isArray(credentials.credentialTypes) && credentials.credentialTypes.length > 0) {
    p.refuse(
      'verifiableCredentialSettings asks requestors for verifiable credentials; v1.0 has no counterpart, so the converted policy would stop asking for them.',
    );
  } else if (credentials !== undefined) {
    p.note('The empty verifiableCredentialSettings was dropped: v1.0 has no such setting.');
  }

  // The access package the policy belongs to.
  const packageId = take('accessPackageId');
  const expanded = take('accessPackage');
  const expandedId = isRecord(expanded) ? expanded.id : undefined;
  if (typeof packageId === 'string') out.accessPackage = { id: packageId };
  else if (typeof expandedId === 'string') out.accessPackage = { id: expandedId };
  else p.note('The policy names no access package (accessPackageId); v1.0 needs accessPackage: {"id": "…"} to create it.');

  for (const key of ['createdDateTime', 'modifiedDateTime', 'createdBy', 'modifiedBy', 'accessPackageCatalog']) {
    if (key in beta) {
      take(key);
      p.note(`The read-only ${key} was dropped: Graph sets it.`);
    }
  }

  for (const key of Object.keys(beta)) {
    if (!handled.has(key)) p.refuse(`${key} has no v1.0 counterpart.`);
  }
  return out;
}

function convertRequestorSettings(
  beta: unknown,
  canExtend: unknown,
  p: Problems,
): { target: Record<string, unknown>; requestorSettings?: Record<string, unknown> } {
  const target: Record<string, unknown> = {};
  const settings: Record<string, unknown> = {};
  if (beta !== null && beta !== undefined && !isRecord(beta)) {
    p.refuse('requestorSettings is not an object, so it cannot be converted.');
    return { target };
  }
  const r = isRecord(beta) ? beta : {};
  for (const key of Object.keys(r)) {
    if (!['scopeType', 'acceptRequests', 'allowedRequestors'].includes(key)) p.refuse(`requestorSettings.${key} has no v1.0 counterpart.`);
  }
  const scopeType = r.scopeType;
  if (typeof scopeType === 'string') {
    const scope = BETA_SCOPE_TO_V1[scopeType];
    if (!scope) p.refuse(`requestorSettings.scopeType "${scopeType}" has no v1.0 counterpart.`);
    else target.allowedTargetScope = scope;
    if (scopeType === 'AllExistingConnectedOrganizationSubjects') {
      p.note(
        'scopeType "AllExistingConnectedOrganizationSubjects" became allowedTargetScope "allConfiguredConnectedOrganizationUsers". [INF] v1.0 has one scope for users of connected organizations; the pairing is inferred from Microsoft\'s examples.',
      );
    }
  }
  if ('allowedRequestors' in r) {
    const requestors = convertUserSets(r.allowedRequestors, 'requestorSettings.allowedRequestors', p);
    if (requestors.fallback.length > 0) p.note('isBackup on allowed requestors has no meaning and was dropped.');
    target.specificAllowedTargets = [...requestors.primary, ...requestors.fallback];
  } else if (target.allowedTargetScope !== undefined) {
    target.specificAllowedTargets = [];
  }

  if ('acceptRequests' in r) {
    if (scopeType === 'NoSubjects') {
      // With no requestors, beta's acceptRequests only kept the policy open for assignments by
      // administrators; v1.0 writes direct assignment with self-service off (Microsoft's example).
      settings.enableTargetsToSelfAddAccess = false;
      p.note(
        'scopeType "NoSubjects" (direct assignment by administrators): requests by users are off in v1.0 (enableTargetsToSelfAddAccess: false), as in Microsoft\'s v1.0 direct-assignment example. [INF]',
      );
      if (r.acceptRequests === false) {
        p.note("acceptRequests was false: v1.0 has no switch that closes a policy to administrators' direct assignments. [INF]");
      }
    } else {
      settings.enableTargetsToSelfAddAccess = r.acceptRequests;
    }
  }
  if (canExtend !== undefined) settings.enableTargetsToSelfUpdateAccess = canExtend;
  return { target, requestorSettings: Object.keys(settings).length > 0 ? settings : undefined };
}

function convertExpiration(durationInDays: unknown, expirationDateTime: unknown, p: Problems): Record<string, unknown> {
  const days = durationInDays === null || durationInDays === undefined || durationInDays === 0 ? undefined : durationInDays;
  const end = expirationDateTime === null || expirationDateTime === undefined ? undefined : expirationDateTime;
  if (days !== undefined && end !== undefined) {
    p.refuse(
      'The policy sets both durationInDays and expirationDateTime; v1.0 assignments expire one way only. Keep one of them, then convert.',
    );
    return {};
  }
  if (days !== undefined) {
    if (!isCount(days)) {
      p.refuse('durationInDays is not a whole number of days.');
      return {};
    }
    return { type: 'afterDuration', duration: daysToDuration(days) };
  }
  if (end !== undefined) return { type: 'afterDateTime', endDateTime: end };
  if (durationInDays === 0) p.note('durationInDays 0 means "not set" in beta; assignments do not expire (noExpiration).');
  return { type: 'noExpiration' };
}

/** Keeps the file's own way of naming the schema (relative path or URL), with the v1.0 file name. */
function v1SchemaRef(betaRef: unknown): string {
  const betaFile = SCHEMA_FILE_NAMES.beta;
  if (typeof betaRef === 'string' && betaRef.trim().endsWith(betaFile)) {
    const ref = betaRef.trim();
    return ref.slice(0, ref.length - betaFile.length) + SCHEMA_FILE_NAMES['v1.0'];
  }
  return V1_SCHEMA_URL;
}

function hasComments(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true; // it parsed as JSONC without syntax errors, so only comments can explain it
  }
}

/** Pretty-printed with the input's own indentation and line ending. */
function format(value: unknown, original: string): string {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  let indent = '  ';
  const m = /^([ \t]+)\S/m.exec(original);
  if (m) indent = m[1].startsWith('\t') ? '\t' : m[1];
  return JSON.stringify(value, null, indent).replace(/\n/g, eol) + eol;
}
