// Names and shapes shared by the client and the server, declared once.

/** The language id contributed for `*.accesspolicy.json`. */
export const LANGUAGE_ID = 'accesspolicy';

/** The configuration section the client synchronises to the server. */
export const CONFIG_SECTION = 'accessPolicy';

/** Server-relevant settings, as the client sends them under `accessPolicy`. */
export interface ServerSettings {
  validate?: { enable?: boolean };
  /** Version assumed when neither `$schema` nor the body's shape decides. */
  defaultApiVersion?: 'v1.0' | 'beta';
}

/** Custom request: the validation verdict for a document (used by the deploy command). */
export const VALIDATE_REQUEST = 'accessPolicy/validate';
export interface ValidateParams {
  uri: string;
}
export interface ValidateResult {
  apiVersion: 'v1.0' | 'beta';
  errorCount: number;
  warningCount: number;
}

/** Custom request: the plain-language summary of a document (core/src/explain), for the preview. */
export const SUMMARY_REQUEST = 'accessPolicy/summary';
export interface SummaryParams {
  uri: string;
}
export type { PolicySummary as SummaryResult } from '../../core/src/explain/types';

/** Commands the server's CodeLens invokes (contributed in package.json). Arguments: the document's URI, as a string. */
export const DEPLOY_COMMAND = 'accessPolicy.deploy';
export const SHOW_SUMMARY_COMMAND = 'accessPolicy.showSummary';
