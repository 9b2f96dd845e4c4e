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

export function schemaVersionOf(schemaRef: unknown): ApiVersion | undefined {
  if (typeof schemaRef !== 'string') return undefined;
  const ref = schemaRef.trim();
  for (const [version, file] of Object.entries(SCHEMA_FILE_NAMES) as [ApiVersion, string][]) {
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
  const v1 = schemaNavigator('v1.0');
  const beta = schemaNavigator('beta');
  const out: VersionMarker[] = [];
  // The path of the value being walked: one array, extended and cut back as the walk goes (a
  // marker takes a copy), rather than a new array for every value of every file.
  const path: JsonPath = [];
  // Each step carries the schemas of both versions at `path`, so none is looked up from the root.
  const walk = (value: unknown, inV1: JsonSchema[], inBeta: JsonSchema[]): void => {
    if (Array.isArray(value)) {
      // Only arrays the schemas describe: anything else is the schema layer's to report, and
      // walking it could recurse as deep as the document is nested.
      if (v1.childSchemas(inV1, 0, value[0]).length === 0 && beta.childSchemas(inBeta, 0, value[0]).length === 0) return;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        path.push(i);
        walk(item, v1.childSchemas(inV1, i, item), beta.childSchemas(inBeta, i, item));
        path.pop();
      }
      return;
    }
    if (!isRecord(value)) return;
    const keysV1 = v1.propertyNames(inV1);
    const keysBeta = beta.propertyNames(inBeta);
    for (const key of Object.keys(value)) {
      if (key === '$schema') continue;
      const a = keysV1.has(key);
      const b = keysBeta.has(key);
      if (a && !b) out.push({ path: [...path, key], version: 'v1.0' });
      else if (b && !a) out.push({ path: [...path, key], version: 'beta' });
      else if (a && b) {
        path.push(key);
        walk(value[key], v1.childSchemas(inV1, key, value[key]), beta.childSchemas(inBeta, key, value[key]));
        path.pop();
      }
    }
  };
  walk(document, v1.alternatives(v1.root, document), beta.alternatives(beta.root, document));
  return out;
}
