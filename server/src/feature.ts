// A language feature plugs into the server through this contract: the capabilities it announces
// and the handlers it registers. Features share one validation cache and one settings view.
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSettings } from '../../common/src/settings';
import type { ValidationCache } from './validationCache';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: ValidationCache;
  settings(): ServerSettings;
  /** Calls `listener` after the client sends new settings. */
  onSettingsChanged(listener: () => void): void;
}

export interface Feature {
  name: string;
  capabilities: Partial<ServerCapabilities>;
  register(ctx: ServerContext): void;
}
