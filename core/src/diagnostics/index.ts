// The diagnostic catalogue: one record per code (core/src/diagnostics/record.ts), the registry,
// the docs URL of each code and the renderer of docs/rules.md.
export {
  CATALOGUE,
  FAMILIES,
  recordFor,
  FILE_CODES,
  SCHEMA_CODES,
  RULE_CODES,
  CONFIG_CODES,
  REFERENCE_CODES,
  FILE_RECORDS,
  SCHEMA_RECORDS,
  RULE_RECORDS,
  CONFIG_RECORDS,
  REFERENCE_RECORDS,
} from './catalogue';
export {
  define,
  defaultSeverity,
  type DiagnosticRecord,
  type AnyDiagnosticRecord,
  type DiagnosticSource,
  type Finding,
  type FindingPlace,
} from './record';
export { RULES_DOC_URL, docsHref } from './docsUrl';
