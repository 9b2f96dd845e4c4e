// The msal `system` options shared by all providers: logging through the redactor, and the
// loopback routing transport when (and only when) an authority override is given.
import type { Configuration } from '@azure/msal-node';
import { LoopbackRoutingNetworkClient } from './loopbackNetworkClient';
import { msalLoggerOptions, type AuthLogSink } from './log';
import type { Redactor } from './redact';
import { loginOrigins, type ResolvedAuthSettings } from './settings';

export interface MsalSystem {
  system: NonNullable<Configuration['system']>;
  router?: LoopbackRoutingNetworkClient;
}

export function msalSystem(settings: ResolvedAuthSettings, redactor: Redactor, sink?: AuthLogSink, verbose = false): MsalSystem {
  const system: NonNullable<Configuration['system']> = { loggerOptions: msalLoggerOptions(sink, redactor, verbose) };
  const target = settings.overrides?.authorityUrl;
  if (!target) return { system }; // production: msal's own client (global fetch; VS Code's proxy-aware one in the extension host)
  const routes: Record<string, string> = {};
  for (const origin of loginOrigins(settings.cloud)) routes[origin] = target;
  const router = new LoopbackRoutingNetworkClient(routes);
  system.networkClient = router;
  return { system, router };
}
