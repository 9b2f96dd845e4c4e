// The custom requests between the extension and the language server, each declared once as a typed
// `RequestType` (method name, parameter and result types together), so the client's
// `sendRequest(X, params)` and the server's `onRequest(X, handler)` cannot disagree on either.
// A new request goes here, beside these. Imported by client and server; type-only imports of core
// cost neither bundle anything.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type {
  ApiVersion,
  PolicyDiagnostic,
  ApiVersionSource,
  ConversionResult,
  PolicySummary,
  AccessPolicyConfig,
  DirectoryAnswers,
  DirectoryQuery,
  DirectorySuggestion,
  DirectorySuggestQuery,
} from '../../core/src';

/** The language id contributed for `*.accesspolicy.json`. */
export const LANGUAGE_ID = 'accesspolicy';

/** The language id contributed for a folder's `accesspolicy.config.json` (JSONC, its own schema). */
export const CONFIG_LANGUAGE_ID = 'accesspolicy-config';

/**
 * The validation core's verdict on a text: what the Problems panel shows for it, and what the
 * deploy command refuses a file on. The client sends the text (the saved file it is about to
 * deploy) rather than a URI, so the verdict is about exactly that text, whether or not the editor
 * has synchronised the document yet. It is answered with validation switched off too.
 */
export const VALIDATE_REQUEST = new RequestType<ValidateParams, ValidateResult, void>('accessPolicy/validate');
export interface ValidateParams {
  text: string;
  /** Version assumed when neither `$schema` nor the body's shape decides; else the server's setting. */
  defaultApiVersion?: ApiVersion;
}
export interface ValidateResult {
  apiVersion: ApiVersion;
  apiVersionSource: ApiVersionSource;
  diagnostics: PolicyDiagnostic[];
}

/** The beta → v1.0 conversion of a text (core/src/convert), for *Convert to v1.0*. */
export const CONVERT_TO_V1_REQUEST = new RequestType<ConvertToV1Params, ConversionResult, void>('accessPolicy/convertToV1');
export interface ConvertToV1Params {
  text: string;
}

/**
 * The plain-language summary of an open document (core/src/explain), for *Show Summary*'s preview;
 * null when the server has no such document open.
 */
export const SUMMARY_REQUEST = new RequestType<SummaryParams, SummaryResult | null, void>('accessPolicy/summary');
export interface SummaryParams {
  uri: string;
}
export type SummaryResult = PolicySummary;

/**
 * Server → client: what ids and references mean in the signed-in tenant. The language server never
 * holds a token, so it asks the extension, which answers from Graph with its signed-in session
 * (silently: never a sign-in prompt), or `signedIn: false`, and then the server makes no tenant
 * checks. Queries and answers are keyed by the server's `key`.
 */
export const LOOKUP_DIRECTORY_OBJECTS_REQUEST = new RequestType<LookupDirectoryObjectsParams, LookupDirectoryObjectsResult, void>(
  'accessPolicy/lookupDirectoryObjects',
);
export interface LookupDirectoryObjectsParams {
  queries: DirectoryQuery[];
}
export type LookupDirectoryObjectsResult =
  /** `waiting`: why nothing is looked up although someone is signed in (an environment's tenant not confirmed yet). */
  | { signedIn: false; waiting?: string }
  | {
      signedIn: true;
      /** The tenant as the user knows it (domain or id), for messages. */
      tenant: string;
      /** The active environment whose tenant answered (accesspolicy.config.json); absent for the signed-in tenant. */
      environment?: string;
      answers: DirectoryAnswers;
    };

/**
 * Server → client: names for completion inside a reference (`${group:Sal|`), from the same tenant
 * the lookups ask (the active environment's, or the signed-in one), silently; `signedIn: false`
 * when nobody is (then only kinds and `${var:…}` names are offered). `unreadable` names the
 * permission Graph wanted.
 */
export const SUGGEST_DIRECTORY_OBJECTS_REQUEST = new RequestType<DirectorySuggestQuery, SuggestDirectoryObjectsResult, void>(
  'accessPolicy/suggestDirectoryObjects',
);
export type SuggestDirectoryObjectsResult =
  | { signedIn: false }
  | { signedIn: true; tenant: string; environment?: string; items: DirectorySuggestion[] }
  | { signedIn: true; tenant: string; environment?: string; unreadable: string[] };

/**
 * Client → server: the signed-in account or the tenant changed (sign-in, sign-out, settings), so
 * every cached tenant answer is dropped and open documents are looked up again.
 */
export const TENANT_CHANGED_NOTIFICATION = new NotificationType<void>('accessPolicy/tenantChanged');

/**
 * The core's reading of a folder configuration (accesspolicy.config.json) the client names by its
 * text: the environments and values when it is valid (config null otherwise), and its diagnostics.
 * The extension's environment picker and deploy use it, so the client bundles no validator.
 */
export const CONFIG_REQUEST = new RequestType<ConfigParams, ConfigResult, void>('accessPolicy/config');
export interface ConfigParams {
  text: string;
}
export interface ConfigResult {
  config: AccessPolicyConfig | null;
  diagnostics: PolicyDiagnostic[];
}
