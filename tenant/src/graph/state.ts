// What the stand-in tenant holds: its access packages and assignment policies, the principals
// that lack an entitlement-management role, and a log of Graph requests for tests to inspect.
import { randomUUID } from 'node:crypto';
import { Faults, type FaultSettings } from './faults';

export type PolicyApiVersion = 'v1.0' | 'beta';

export interface StoredPolicy {
  id: string;
  /**
   * The stand-in keeps each policy in the shape of the API version that created it and serves it
   * only there; the real service translates between the two shapes, which this stand-in does not.
   */
  apiVersion: PolicyApiVersion;
  accessPackageId: string;
  body: Record<string, unknown>;
  createdDateTime: string;
  modifiedDateTime: string;
  /** Remaining list responses that must not show this policy yet (replication lag). */
  hiddenFromLists: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  requestId: string;
  clientRequestId: string;
  /** The Authorization header's presence only; never the token. */
  authenticated: boolean;
}

export class GraphState {
  readonly accessPackages = new Set<string>();
  readonly policies = new Map<string, StoredPolicy>();
  /** Subjects (user object ids or usernames) that hold no Identity Governance / catalog role. */
  readonly principalsWithoutRole = new Set<string>();
  readonly requests: RequestLogEntry[] = [];
  readonly faults: Faults;

  constructor(accessPackages: string[] = [], faults: FaultSettings = {}) {
    for (const id of accessPackages) this.accessPackages.add(id.toLowerCase());
    this.faults = new Faults(faults);
  }

  hasAccessPackage(id: string): boolean {
    return this.accessPackages.has(id.toLowerCase());
  }

  addAccessPackage(id: string = randomUUID()): string {
    this.accessPackages.add(id.toLowerCase());
    return id.toLowerCase();
  }

  policiesOf(apiVersion: PolicyApiVersion): StoredPolicy[] {
    return [...this.policies.values()].filter((p) => p.apiVersion === apiVersion);
  }

  /** Puts the tenant back to an empty state but keeps the access packages. */
  reset(): void {
    this.policies.clear();
    this.requests.length = 0;
    this.principalsWithoutRole.clear();
    this.faults.clear();
  }

  snapshot(): {
    accessPackages: string[];
    policies: StoredPolicy[];
    principalsWithoutRole: string[];
    faults: FaultSettings;
    requests: RequestLogEntry[];
  } {
    return {
      accessPackages: [...this.accessPackages],
      policies: [...this.policies.values()].map((p) => structuredClone(p)),
      principalsWithoutRole: [...this.principalsWithoutRole],
      faults: structuredClone(this.faults.settings),
      requests: this.requests.map((r) => ({ ...r })),
    };
  }
}
