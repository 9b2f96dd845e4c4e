// Every request handler runs through here: an exception becomes a logged error and an empty
// result, never a dead server or a request that is left unanswered.
import { ResponseError, LSPErrorCodes, type CancellationToken, type Connection } from 'vscode-languageserver';

export function formatError(message: string, err: unknown): string {
  if (err instanceof Error) return `${message}: ${err.message}\n${err.stack ?? ''}`;
  return `${message}: ${String(err)}`;
}

export function runSafe<T>(
  connection: Connection,
  name: string,
  fallback: T,
  token: CancellationToken | undefined,
  fn: () => T | Promise<T>,
): Promise<T | ResponseError<unknown>> {
  return new Promise((resolve) => {
    if (token?.isCancellationRequested) {
      resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
      return;
    }
    Promise.resolve()
      .then(fn)
      .then(
        (result) =>
          resolve(token?.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled') : result),
        (err) => {
          connection.console.error(formatError(`Error while handling ${name}`, err));
          resolve(fallback);
        },
      );
  });
}
