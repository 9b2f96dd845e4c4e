// The logging seam of sign-in: hosts pass a sink (VS Code output channel, CLI stderr). Every line
// goes through the provider's Redactor first.
import { LogLevel, type Configuration } from '@azure/msal-node';
import type { Redactor } from './redact';

type LoggerOptions = NonNullable<NonNullable<Configuration['system']>['loggerOptions']>;

/** Lines arrive without a level word in them; the host shows the level its own way (a VS Code log channel has one). */
export type AuthLogLevel = 'info' | 'warn' | 'error';
export type AuthLogSink = (line: string, level: AuthLogLevel) => void;

export interface AuthLogger {
  info(message: string): void;
  warn(message: string): void;
}

export function createAuthLogger(sink: AuthLogSink | undefined, redactor: Redactor): AuthLogger {
  const write = (level: AuthLogLevel, message: string) => {
    if (sink) sink(`[auth] ${redactor.redact(message)}`, level);
  };
  return { info: (m) => write('info', m), warn: (m) => write('warn', m) };
}

/** msal's logger wired to the sink; PII logging stays off so usernames and tokens are not logged. */
export function msalLoggerOptions(sink: AuthLogSink | undefined, redactor: Redactor, verbose = false) {
  return {
    piiLoggingEnabled: false,
    logLevel: verbose ? LogLevel.Verbose : LogLevel.Warning,
    loggerCallback: (level: LogLevel, message: string, containsPii: boolean) => {
      if (!sink || containsPii) return;
      sink(`[msal] ${redactor.redact(message)}`, level === LogLevel.Error ? 'error' : level === LogLevel.Warning ? 'warn' : 'info');
    },
  } satisfies LoggerOptions;
}
