// Which Graph API version a policy file is written for: an explicit `$schema` naming one of ours
// wins; otherwise the body's shape decides (properties that exist in only one version); otherwise
// the configured default. Properties of the other version are returned so they can be reported.
import type { ApiVersion } from './diagnostic';
import type { JsonPath } from './parse';
import { SCHEMA_FILE_NAMES, schemaNavigator } from './schemaDocuments';
import { isRecord } from './schemaNavigator';
import type { JsonSchema } from './schemaTypes';

export type ApiVersionSource = 'schema' | 'shape' | 'default';

export interface VersionMarker {
  /** Path of the property (its key is the last segment). */
  path: JsonPath;
  version: ApiVersion;
}

export interface ApiVersionDecision {
  version: ApiVersion;
  source: ApiVersionSource;
  /** Properties that exist only in the version not chosen. */
  foreign: VersionMarker[];
  /** Properties that exist only in the chosen version (evidence, for messages). */
  evidence: VersionMarker[];
  /** A `$schema` value that names neither of our schemas. */
  unknownSchema?: string;
  /**
   * The shape decided, but the body has properties of both versions: the verdict is a majority,
   * not a certainty, and the author should say which version is meant.
   */
  uncertain: boolean;
}

/** The URL a file's `$schema` uses to name the schema of `version`. */
export function schemaUrl(version: ApiVersion): string {
  return SCHEMA_BASE_URL + SCHEMA_FILE_NAMES[version];
}

const SCHEMA_BASE_URL = 'https://entra-access-policy.dev/schemas/';

const SCHEMA_FILES = Object.entries(SCHEMA_FILE_NAMES) as [ApiVersion, string][];

export function schemaVersionOf(schemaRef: unknown): ApiVersion | undefined {
  if (typeof schemaRef !== 'string') return undefined;
  const ref = schemaRef.trim();
  for (const [version, file] of SCHEMA_FILES) {
    if (ref === file || ref.endsWith('/' + file) || ref.endsWith('\\' + file)) return version;
  }
  return undefined;
}

export function decideApiVersion(value: unknown, defaultVersion: ApiVersion = 'v1.0'): ApiVersionDecision {
  const markers = versionMarkers(value);
  const schemaRef = isRecord(value) ? value.$schema : undefined;
  const explicit = schemaVersionOf(schemaRef);
  let version: ApiVersion;
  let source: ApiVersionSource;
  if (explicit) {
    version = explicit;
    source = 'schema';
  } else {
    const inferred = majority(markers);
    version = inferred ?? defaultVersion;
    source = inferred ? 'shape' : 'default';
  }
  const foreign = markers.filter((m) => m.version !== version);
  const evidence = markers.filter((m) => m.version === version);
  return {
    version,
    source,
    foreign,
    evidence,
    unknownSchema: schemaRef !== undefined && !explicit ? String(schemaRef) : undefined,
    // One stray property is a mistake in a file of clear shape; two or more (or a tie) is a split.
    uncertain: source !== 'schema' && (foreign.length >= 2 || (foreign.length > 0 && source === 'default')),
  };
}

/**
 * Every marker counts the same, whatever its depth: a body copied from beta material and patched
 * with a few v1.0 top-level properties is still mostly beta, and it is the minority that is wrong.
 * Top-level markers break a tie (they name the policy's shape).
 */
function majority(markers: VersionMarker[]): ApiVersion | undefined {
  for (const depth of [Infinity, 1]) {
    let v1 = 0;
    let beta = 0;
    for (const m of markers) {
      if (m.path.length > depth) continue;
      if (m.version === 'v1.0') v1++;
      else beta++;
    }
    if (v1 !== beta) return v1 > beta ? 'v1.0' : 'beta';
  }
  return undefined;
}

/**
 * Walks the document against both schemas at once. A key allowed by exactly one of them is a
 * marker for that version; the walk does not descend below it, since what lies beneath is that
 * version's shape anyway.
 */
function versionMarkers(document: unknown): VersionMarker[] {
  const out: VersionMarker[] = [];
  // The path of the value being walked: one array, extended and cut back as the walk goes (a
  // marker takes a copy), rather than a new array for every value of every file.
  const path: JsonPath = [];
  const walk = (value: unknown, place: Place): void => {
    if (Array.isArray(value)) {
      // Only arrays the schemas describe: anything else is the schema layer's to report, and
      // walking it could recurse as deep as the document is nested.
      if (!place.describesItems) return;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const next = place.item(item);
        if (!next) continue;
        path.push(i);
        walk(item, next);
        path.pop();
      }
      return;
    }
    if (!isRecord(value)) return;
    for (const key of Object.keys(value)) {
      if (key === '$schema') continue;
      const kind = place.kindOf(key);
      if (kind === IN_V1) out.push({ path: [...path, key], version: 'v1.0' });
      else if (kind === IN_BETA) out.push({ path: [...path, key], version: 'beta' });
      else if (kind === IN_BOTH) {
        const child: unknown = value[key];
        const next = place.property(key, child);
        if (!next) continue;
        path.push(key);
        walk(child, next);
        path.pop();
      }
    }
  };
  const root = (roots ??= new Children((tag) => placeFor(null, undefined, tag)));
  const start = root.get(tagOfValue(document));
  if (start) walk(document, start);
  return out;
}

const IN_V1 = 1;
const IN_BETA = 2;
const IN_BOTH = 3;

/** A discriminated union narrows by the value's own `@odata.type`: the one thing of a value the schemas at its place depend on. */
function tagOfValue(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const tag = value['@odata.type'];
  return typeof tag === 'string' ? tag : undefined;
}

/**
 * The places below one place (a property's, or the items'), by the value's tag. Only so many tags
 * are kept: a tag no union names gives the same place as no tag, but a folder of made-up tags
 * must not grow the cache without end.
 */
class Children {
  private readonly byTag = new Map<string | undefined, Place | null>();
  constructor(private readonly make: (tag: string | undefined) => Place | null) {}

  get(tag: string | undefined): Place | null {
    let place = this.byTag.get(tag);
    if (place === undefined) {
      place = this.make(tag);
      if (this.byTag.size < MAX_TAGS_PER_PLACE) this.byTag.set(tag, place);
    }
    return place;
  }
}

const MAX_TAGS_PER_PLACE = 32;

let roots: Children | undefined;

/**
 * Both versions' schemas at one place of a document and what each key there is, worked out once
 * per process (every file walks the same few places), so a file's walk is a lookup per key. Null
 * where neither schema says anything: nothing below can be a marker.
 */
function placeFor(parent: Place | null, segment: string | number | undefined, tag: string | undefined): Place | null {
  const v1 = schemaNavigator('v1.0');
  const beta = schemaNavigator('beta');
  // The schemas depend on the value only through its tag: any value with that tag stands for it.
  const value = tag === undefined ? undefined : { '@odata.type': tag };
  const inV1 = parent ? v1.childSchemas(parent.v1, segment!, value) : v1.alternatives(v1.root, value);
  const inBeta = parent ? beta.childSchemas(parent.beta, segment!, value) : beta.alternatives(beta.root, value);
  return inV1.length === 0 && inBeta.length === 0 ? null : new Place(inV1, inBeta);
}

class Place {
  private kinds: Map<string, number> | undefined;
  private readonly properties = new Map<string, Children>();
  private items: Children | undefined;
  private itemsDescribed: boolean | undefined;

  constructor(
    readonly v1: JsonSchema[],
    readonly beta: JsonSchema[],
  ) {}

  /** IN_V1, IN_BETA, IN_BOTH, or undefined for a key neither version allows here. */
  kindOf(key: string): number | undefined {
    if (!this.kinds) {
      const kinds = new Map<string, number>();
      const inBeta = schemaNavigator('beta').propertyNames(this.beta);
      for (const k of schemaNavigator('v1.0').propertyNames(this.v1)) kinds.set(k, inBeta.has(k) ? IN_BOTH : IN_V1);
      for (const k of inBeta) if (!kinds.has(k)) kinds.set(k, IN_BETA);
      this.kinds = kinds;
    }
    return this.kinds.get(key);
  }

  /** Whether either version's schemas here describe array items (whatever the items are). */
  get describesItems(): boolean {
    return (this.itemsDescribed ??= this.item(undefined) !== null);
  }

  property(key: string, value: unknown): Place | null {
    let children = this.properties.get(key);
    if (!children) this.properties.set(key, (children = new Children((tag) => placeFor(this, key, tag))));
    return children.get(tagOfValue(value));
  }

  item(value: unknown): Place | null {
    return (this.items ??= new Children((tag) => placeFor(this, 0, tag))).get(tagOfValue(value));
  }
}
