// Reads the tenant for the view, lazily and once: catalogs and access packages when the tenant is
// expanded (one paged list each), a package's policies when it is expanded (one filtered, paged
// list), or every policy at once when many packages are wanted together. Each read is complete or
// fails (the reader follows every nextLink; a failed page fails the read), and a failed read is
// forgotten so the next expansion tries again. No VS Code here.
import { type ApiVersion } from '../../../core/src';
import {
  type GraphClient,
  readAccessPackages,
  readCatalogs,
  readPolicies,
  type TenantAccessPackage,
  type TenantCatalog,
  type TenantPolicy,
} from '../../../deploy/src';

/** Above this many packages wanted at once, one tenant-wide list is read (the reader's own rule). */
const PER_PACKAGE_LIMIT = 10;

export class TenantLoader {
  private catalogsRead: Promise<Map<string, TenantCatalog>> | undefined;
  private packagesRead: Promise<Map<string, TenantAccessPackage>> | undefined;
  private readonly policiesRead = new Map<string, Promise<TenantPolicy[]>>();

  constructor(
    private readonly graph: GraphClient,
    readonly apiVersion: ApiVersion,
  ) {}

  catalogs(): Promise<Map<string, TenantCatalog>> {
    return (this.catalogsRead ??= forgetOnFailure(readCatalogs(this.graph, this.apiVersion), () => (this.catalogsRead = undefined)));
  }

  packages(): Promise<Map<string, TenantAccessPackage>> {
    return (this.packagesRead ??= forgetOnFailure(readAccessPackages(this.graph, this.apiVersion), () => (this.packagesRead = undefined)));
  }

  /** The complete policy list of each package asked for (lower-case ids). */
  async policiesOf(packageIds: string[]): Promise<Map<string, TenantPolicy[]>> {
    const ids = [...new Set(packageIds.map((id) => id.toLowerCase()))];
    const unread = ids.filter((id) => !this.policiesRead.has(id));
    if (unread.length > PER_PACKAGE_LIMIT) {
      // One tenant-wide list answers for every package, including those with no policy.
      const all = readPolicies(this.graph, { apiVersion: this.apiVersion }).then((r) => r.policies);
      const known = [...(await this.packages()).keys()];
      for (const id of new Set([...known, ...unread])) {
        this.policiesRead.set(
          id,
          forgetOnFailure(
            all.then((list) => list.filter((p) => p.accessPackageId === id)),
            () => this.policiesRead.delete(id),
          ),
        );
      }
    } else {
      for (const id of unread) {
        this.policiesRead.set(
          id,
          forgetOnFailure(
            readPolicies(this.graph, { apiVersion: this.apiVersion, packageIds: [id] }).then((r) => r.policies),
            () => this.policiesRead.delete(id),
          ),
        );
      }
    }
    const out = new Map<string, TenantPolicy[]>();
    for (const id of ids) out.set(id, await this.policiesRead.get(id)!);
    return out;
  }

  /** One policy by id among the packages already read (the view's nodes come from those). */
  async cachedPolicy(id: string): Promise<TenantPolicy | undefined> {
    const key = id.toLowerCase();
    for (const p of this.policiesRead.values()) {
      const found = (await p.catch(() => [])).find((x) => x.id.toLowerCase() === key);
      if (found) return found;
    }
    return undefined;
  }
}

function forgetOnFailure<T>(p: Promise<T>, forget: () => void): Promise<T> {
  p.catch(forget);
  return p;
}
