// The language server's core. It takes the connection as a parameter (the Node entry creates it),
// so tests can drive the very same core in-process or over stdio.
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  LOOKUP_DIRECTORY_OBJECTS_REQUEST,
  SETTINGS_SECTION,
  SUGGEST_DIRECTORY_OBJECTS_REQUEST,
  TENANT_CHANGED_NOTIFICATION,
  type ServerSettings,
} from '../../common/src';
import type { DiagnosticSource, ServerContext } from './feature';
import { TenantDirectory } from './tenant/tenantDirectory';
import { TenantSuggestions } from './tenant/tenantSuggestions';
import { FEATURES } from './features';
import { ValidationCache } from './validationCache';
import { ValidationSchedule } from './validationSchedule';
import { formatError } from './runSafe';
import { isConfigDocument } from './config/configDocuments';

export function startServer(connection: Connection): void {
  let settings: ServerSettings = {};
  const documents = new TextDocuments(TextDocument);
  const cache = new ValidationCache(() => (settings.defaultApiVersion === 'beta' ? 'beta' : 'v1.0'));
  const schedule = new ValidationSchedule();
  const settingsListeners: (() => void)[] = [];
  const diagnosticSources: DiagnosticSource[] = [];
  let publisher: ((uri: string) => void) | undefined;
  // The client holds the token; the server only asks it (common/src/protocol.ts).
  const tenant = new TenantDirectory((queries) => connection.sendRequest(LOOKUP_DIRECTORY_OBJECTS_REQUEST, { queries }));
  const suggestions = new TenantSuggestions((query) => connection.sendRequest(SUGGEST_DIRECTORY_OBJECTS_REQUEST, query));
  const ctx: ServerContext = {
    connection,
    documents,
    cache,
    schedule,
    async current(uri) {
      await schedule.settled(uri);
      const document = documents.get(uri);
      // A folder configuration is not a policy: the policy features have nothing to say on it.
      if (!document || isConfigDocument(document)) return undefined;
      return { document, result: cache.get(document) };
    },
    settings: () => settings,
    onSettingsChanged: (listener) => settingsListeners.push(listener),
    tenant,
    suggestions,
    addDiagnosticSource: (source) => diagnosticSources.push(source),
    diagnosticSources: () => diagnosticSources,
    republish: (uri) => publisher?.(uri),
    setPublisher: (publish) => (publisher = publish),
  };
  connection.onNotification(TENANT_CHANGED_NOTIFICATION, () => {
    tenant.reset();
    suggestions.reset();
  });

  connection.onInitialize((params): InitializeResult => {
    const init = params.initializationOptions as { settings?: ServerSettings } | undefined;
    if (init?.settings) settings = init.settings;
    let capabilities: InitializeResult['capabilities'] = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    };
    for (const feature of FEATURES) capabilities = { ...capabilities, ...feature.capabilities };
    return { capabilities, serverInfo: { name: 'Entra Access Policy language server' } };
  });

  connection.onDidChangeConfiguration((change) => {
    const next = (change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (next && typeof next === 'object') {
      settings = next as ServerSettings;
      for (const listener of settingsListeners) listener();
    }
  });

  for (const feature of FEATURES) {
    try {
      feature.register(ctx);
    } catch (err) {
      connection.console.error(formatError(`Feature ${feature.name} failed to start`, err));
    }
  }

  documents.listen(connection);
  connection.listen();
}
