// The logging seam of sign-in: hosts pass a sink (VS Code output channel, CLI stderr). Every line
// goes through the provider's Redactor first.
import { LogLevel, type Configuration } from '@azure/msal-node';
import type { Redactor } from './redact';

type LoggerOptions = NonNullable<NonNullable<Configuration['system']>['loggerOptions']>;

export type AuthLogSink = (line: string) => void;

export interface AuthLogger {
  info(message: string): void;
  warn(message: string): void;
}

export function createAuthLogger(sink: AuthLogSink | undefined, redactor: Redactor): AuthLogger {
  const write = (level: string, message: string) => {
    if (sink) sink(`[auth] ${level} ${redactor.redact(message)}`);
  };
  return { info: (m) => write('info', m), warn: (m) => write('warn', m) };
}

/** msal's logger wired to the sink; PII logging stays off so usernames and tokens are not logged. */
export function msalLoggerOptions(sink: AuthLogSink | undefined, redactor: Redactor, verbose = false) {
  return {
    piiLoggingEnabled: false,
    logLevel: verbose ? LogLevel.Verbose : LogLevel.Warning,
    loggerCallback: (_level: LogLevel, message: string, containsPii: boolean) => {
      if (!sink || containsPii) return;
      sink(`[msal] ${redactor.redact(message)}`);
    },
  } satisfies LoggerOptions;
}
