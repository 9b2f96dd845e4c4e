// A language feature plugs into the server through this contract: the capabilities it announces
// and the handlers it registers. Features share one validation cache and one settings view.
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSettings } from '../../common/src';
import type { ValidationCache } from './validationCache';
import type { ValidationSchedule } from './validationSchedule';
import type { PolicyDiagnostic, ValidationResult } from '../../core/src';
import type { TenantDirectory } from './tenant/tenantDirectory';
import type { TenantSuggestions } from './tenant/tenantSuggestions';

/** More diagnostics for a validated document, from what is at hand (a cache): it must not wait. */
export type DiagnosticSource = (document: TextDocument, result: ValidationResult) => PolicyDiagnostic[];

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: ValidationCache;
  schedule: ValidationSchedule;
  /**
   * The open document and its validation, once the validation scheduled after its last change
   * has run (at once when none is pending). Requests use this, never a validation of their own.
   */
  current(uri: string): Promise<{ document: TextDocument; result: ValidationResult } | undefined>;
  settings(): ServerSettings;
  /** Calls `listener` after the client sends new settings. */
  onSettingsChanged(listener: () => void): void;
  /** What the signed-in tenant says about ids and references (asked of the client, cached). */
  tenant: TenantDirectory;
  /** Names from the same tenant for completion inside a reference (debounced, one request in flight per kind). */
  suggestions: TenantSuggestions;
  /** Adds diagnostics to every publish (the tenant's warnings). */
  addDiagnosticSource(source: DiagnosticSource): void;
  diagnosticSources(): readonly DiagnosticSource[];
  /** Publishes a document's diagnostics again, from its cached validation (new tenant answers). */
  republish(uri: string): void;
  /** Set by the validation feature: how `republish` publishes. */
  setPublisher(publish: (uri: string) => void): void;
}

export interface Feature {
  name: string;
  capabilities: Partial<ServerCapabilities>;
  register(ctx: ServerContext): void;
}
