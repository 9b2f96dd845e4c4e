// The validation core's public surface: the only module other parts import from core
// (eslint.config.mjs enforces it). Everything here is pure: no LSP, no VS Code, no I/O.
export { formatLocation, type ApiVersion, type Severity, type Position, type Range, type PolicyDiagnostic } from './diagnostic';
export { ParsedPolicy, type JsonPath } from './parse';
export { LARGE_TEXT_CHARS } from './jsonText';
export { schemaUrl, schemaVersionOf, decideApiVersion, type ApiVersionSource, type ApiVersionDecision } from './apiVersion';
export { validatePolicy, type ValidationOptions, type ValidationResult } from './validate';
export {
  FILE_CODES,
  SCHEMA_CODES,
  RULE_CODES,
  CONFIG_CODES,
  FILE_RECORDS,
  CATALOGUE,
  recordFor,
  defaultSeverity,
  RULES_DOC_URL,
  docsHref,
  type DiagnosticRecord,
  type AnyDiagnosticRecord,
} from './diagnostics';
export { quickFixesFor, type FixableDiagnostic, type QuickFix } from './features/fixesFor';
export { tenantReferenceFixes, referenceFor, referencePartsOf } from './features/referenceFixes';
export { SCHEMA_FILE_NAMES, policySchema, schemaNavigator } from './schemaDocuments';
export { SchemaNavigator, isRecord, tagOf } from './schemaNavigator';
export { formatOf, referenceKindsOf, type JsonSchema } from './schemaTypes';
export { formatPath, valueAt } from './jsonPath';
export { detectFormatting } from './formatting';
export { errorMessage } from './errorMessage';
export { convertBetaToV1, type ConversionResult } from './convert/betaToV1';
export { propertyHover, valueHover } from './knowledge/hoverText';
export { completionsAt, type CompletionKind, type PolicyCompletion } from './knowledge/completions';
export * from './explain';
export { GRAPH_NAMESPACE, shortTypeName, odataTypeName, graphTypeName } from './graphNames';
export { serviceSetTopLevel, serviceStamps } from './readOnlyProperties';
export { SUBJECT_SET_BASE } from './knowledge/subjectTypes';
export {
  parseConfig,
  valuesFor,
  environmentNames,
  CONFIG_FILE_NAME,
  IDS_FILE_NAME,
  isConfigFilePath,
  CONFIG_SCHEMA,
  CONFIG_CLOUDS,
  DEFAULT_CONFIG_CLOUD,
  ENVIRONMENT_NAME,
  VALUE_NAME,
  type AccessPolicyConfig,
  type EnvironmentConfig,
  type ConfigParseResult,
} from './config/index';
export { REFERENCE_RECORDS } from './diagnostics';
export { findReferenceStrings, referenceDiagnostic, type StringReferences } from './references/check';
export {
  REFERENCE_KINDS,
  substituteReferences,
  formatReference,
  type ObjectReferenceKind,
  type Reference,
  type ReferenceKind,
} from './references/syntax';
export { tenantTargets, isGuid, type TenantTarget } from './references/tenantTargets';
export type {
  DirectoryKind,
  DirectoryQuery,
  DirectoryEntry,
  DirectoryAnswers,
  FoundObject,
  DirectorySuggestion,
  DirectorySuggestQuery,
} from './references/directoryAnswers';
export {
  referenceCompletionContext,
  referenceKindCompletions,
  referenceNameCompletions,
  type ReferenceCompletionContext,
  type ReferenceName,
} from './references/completion';
