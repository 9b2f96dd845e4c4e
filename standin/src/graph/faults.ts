// Switchable misbehaviour of the stand-in's Graph: throttling, latency, transient failures,
// failures after a write committed, conflicts, replication lag, a silent server, list answers
// that are not lists, and redirects. Tests set these through
// options or the `/_standin/faults` control endpoint; each counted fault fires N times then stops.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ThrottleFault {
  /** How many matching requests get a 429. */
  count: number;
  /** Value of Retry-After in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Send Retry-After as an HTTP date instead of seconds. */
  retryAfterAsDate?: boolean;
  /** Methods affected (default all). */
  methods?: HttpMethod[];
}

export interface FailureFault {
  count: number;
  status: 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
  methods?: HttpMethod[];
}

export interface FailAfterCommitFault {
  /** How many writes (POST, and PUT when listed) are committed and then answered badly. */
  count: number;
  /** `504`: a gateway timeout body; `drop`: the connection is destroyed without a response. */
  mode?: '504' | 'drop';
  methods?: HttpMethod[];
}

export interface ConflictFault {
  count: number;
  methods?: HttpMethod[];
}

export interface ReplicationLagFault {
  /** Newly created policies stay out of this many subsequent list responses. */
  lists: number;
}

/**
 * Rejects a write body with 400 InvalidModel naming a property, as the service does for rules it
 * alone knows (docs/policy-facts.md, "Observed error shapes").
 */
export interface RejectBodyFault {
  count: number;
  property: string;
  methods?: HttpMethod[];
}

/** A list page answered `200` without a `value` array: an empty body, or `{}`. */
export interface EmptyListFault {
  count: number;
  body?: 'empty' | '{}';
}

/** Answers with a redirect to another loopback origin instead of serving the request. */
export interface RedirectFault {
  count: number;
  status?: 301 | 302 | 303 | 307 | 308;
  /** Origin the `Location` points at (same path and query); must be http://127.0.0.1:<port>. */
  to: string;
  methods?: HttpMethod[];
}

export interface FaultSettings {
  /**
   * Graph requests are accepted and never answered (a hung service or proxy): every request, or
   * only those of the methods listed (a service that reads but hangs on writes).
   */
  silent?: boolean | { methods: HttpMethod[] };
  emptyList?: EmptyListFault;
  redirect?: RedirectFault;
  rejectBody?: RejectBodyFault;
  throttle?: ThrottleFault;
  /** Every Graph request is answered this much later, as a Graph across a network would answer. */
  latencyMs?: number;
  /** Every sign-in request to this tenant's authority is answered this much later (a token request across a network). */
  signInLatencyMs?: number;
  failure?: FailureFault;
  failAfterCommit?: FailAfterCommitFault;
  conflict?: ConflictFault;
  replicationLag?: ReplicationLagFault;
}

/** Mutable, counted copy of the fault settings. */
export class Faults {
  settings: FaultSettings = {};

  constructor(initial: FaultSettings = {}) {
    this.set(initial);
  }

  /** Merges new settings; `null` for a key switches that fault off. */
  set(patch: Partial<Record<keyof FaultSettings, unknown>>): void {
    const redirect = patch.redirect as Partial<RedirectFault> | null | undefined;
    // The stand-in never points a client off this machine.
    if (redirect && !/^http:\/\/127\.0\.0\.1:\d+$/.test(String(redirect.to)))
      throw new Error('redirect.to must be an origin http://127.0.0.1:<port>.');
    for (const [key, value] of Object.entries(patch)) {
      const k = key as keyof FaultSettings;
      if (value === null || value === undefined) delete this.settings[k];
      else (this.settings as Record<string, unknown>)[k] = structuredClone(value);
    }
  }

  clear(): void {
    this.settings = {};
  }

  /** Whether a request of this method is to be left unanswered. */
  silences(method: HttpMethod): boolean {
    const silent = this.settings.silent;
    return silent === true || (typeof silent === 'object' && silent.methods.includes(method));
  }

  /** Takes one shot of a counted fault if it applies to this method. */
  take<K extends 'throttle' | 'failure' | 'failAfterCommit' | 'conflict' | 'rejectBody' | 'emptyList' | 'redirect'>(
    kind: K,
    method: HttpMethod,
    defaultMethods?: HttpMethod[],
  ): NonNullable<FaultSettings[K]> | undefined {
    const fault = this.settings[kind] as (FaultSettings[K] & { count: number; methods?: HttpMethod[] }) | undefined;
    if (!fault || fault.count <= 0) return undefined;
    const methods = fault.methods ?? defaultMethods;
    if (methods && !methods.includes(method)) return undefined;
    fault.count -= 1;
    return fault as NonNullable<FaultSettings[K]>;
  }
}

/** Keys the control endpoint accepts; anything else is a client mistake worth a 400. */
export const FAULT_KEYS: readonly (keyof FaultSettings)[] = [
  'throttle',
  'latencyMs',
  'signInLatencyMs',
  'failure',
  'failAfterCommit',
  'conflict',
  'replicationLag',
  'rejectBody',
  'silent',
  'emptyList',
  'redirect',
];
