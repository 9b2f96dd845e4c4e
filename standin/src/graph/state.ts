// What the stand-in tenant holds: catalogs, their access packages and custom extensions, assignment
// policies (with a count of assignments each), the principals that lack an entitlement-management
// role, and a log of Graph requests for tests to inspect and count.
import { randomUUID } from 'node:crypto';
import { Faults, type FaultSettings } from './faults';
import { DirectoryState } from './directory';

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

export interface StoredCatalog {
  id: string;
  displayName: string;
  description: string;
}

export interface StoredAccessPackage {
  id: string;
  displayName: string;
  description: string;
  catalogId: string;
}

export interface StoredCustomExtension {
  id: string;
  catalogId: string;
  displayName: string;
  /** `#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension` or `…AssignmentWorkflowExtension`. */
  odataType: string;
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

/** Every tenant has this catalog; packages added without one land in it (as in the portal). */
export const GENERAL_CATALOG_NAME = 'General';

export class GraphState {
  readonly catalogs = new Map<string, StoredCatalog>();
  readonly packages = new Map<string, StoredAccessPackage>();
  readonly customExtensions = new Map<string, StoredCustomExtension>();
  /** Users, groups, service principals and connected organizations (name references, lookups). */
  readonly directory = new DirectoryState();
  readonly policies = new Map<string, StoredPolicy>();
  /** Active assignments per policy id: a policy with any cannot be deleted. */
  readonly assignments = new Map<string, number>();
  /** Subjects (user object ids or usernames) that hold no Identity Governance / catalog role. */
  readonly principalsWithoutRole = new Set<string>();
  readonly requests: RequestLogEntry[] = [];
  readonly faults: Faults;
  readonly generalCatalogId: string;

  constructor(accessPackages: string[] = [], faults: FaultSettings = {}) {
    this.generalCatalogId = this.addCatalog(GENERAL_CATALOG_NAME, 'Built-in catalog.');
    for (const id of accessPackages) this.addAccessPackage(id);
    this.faults = new Faults(faults);
  }

  /** Ids of every access package (lowercase). */
  get accessPackages(): string[] {
    return [...this.packages.keys()];
  }

  hasAccessPackage(id: string): boolean {
    return this.packages.has(id.toLowerCase());
  }

  addCatalog(displayName: string, description = '', id: string = randomUUID()): string {
    const key = id.toLowerCase();
    this.catalogs.set(key, { id: key, displayName, description });
    return key;
  }

  addAccessPackage(id: string = randomUUID(), displayName?: string, catalogId?: string): string {
    const key = id.toLowerCase();
    const catalog = (catalogId ?? this.generalCatalogId).toLowerCase();
    if (!this.catalogs.has(catalog)) throw new Error(`No catalog ${catalog} in the stand-in.`);
    this.packages.set(key, {
      id: key,
      displayName: displayName ?? `Access package ${key.slice(0, 8)}`,
      description: '',
      catalogId: catalog,
    });
    return key;
  }

  addCustomExtension(catalogId: string, displayName: string, odataType: string, id: string = randomUUID()): string {
    const key = id.toLowerCase();
    this.customExtensions.set(key, { id: key, catalogId: catalogId.toLowerCase(), displayName, odataType });
    return key;
  }

  policiesOf(apiVersion: PolicyApiVersion): StoredPolicy[] {
    return [...this.policies.values()].filter((p) => p.apiVersion === apiVersion);
  }

  /** Puts the tenant back to no policies but keeps catalogs, access packages, extensions and directory objects. */
  reset(): void {
    this.policies.clear();
    this.assignments.clear();
    this.requests.length = 0;
    this.principalsWithoutRole.clear();
    this.directory.deniedReaders.clear();
    this.faults.clear();
  }

  snapshot(): {
    accessPackages: string[];
    catalogs: StoredCatalog[];
    policies: StoredPolicy[];
    principalsWithoutRole: string[];
    faults: FaultSettings;
    requests: RequestLogEntry[];
  } {
    return {
      accessPackages: this.accessPackages,
      catalogs: [...this.catalogs.values()].map((c) => ({ ...c })),
      policies: [...this.policies.values()].map((p) => structuredClone(p)),
      principalsWithoutRole: [...this.principalsWithoutRole],
      faults: structuredClone(this.faults.settings),
      requests: this.requests.map((r) => ({ ...r })),
    };
  }
}
