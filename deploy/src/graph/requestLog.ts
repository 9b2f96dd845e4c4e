// One line per Graph request for the editor's output channel and the CLI's --verbose: method, URL,
// status, request-id, client-request-id and duration. Built from the log entry only, which holds
// no header, so no token can get in.
import type { GraphRequestLogEntry } from './graphClient';

export function formatRequestLog(e: GraphRequestLogEntry): string {
  const status = e.status || 'no response';
  const requestId = e.requestId ? ` request-id ${e.requestId}` : '';
  const note = e.note ? ` (${e.note})` : '';
  return `${e.method} ${e.url} → ${status}${requestId} client-request-id ${e.clientRequestId} ${e.durationMs} ms${note}`;
}
