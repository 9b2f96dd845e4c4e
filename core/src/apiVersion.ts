// Which Graph API version a policy file is written for: an explicit `$schema` naming one of ours
// wins; otherwise the body's shape decides (properties that exist in only one version); otherwise
// the configured default. Properties of the other version are returned so they can be reported.
import type { ApiVersion } from './diagnostic';
import type { JsonPath } from './parse';
import { SCHEMA_FILE_NAMES, schemaNavigator } from './schemas';
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
}

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
  return {
    version,
    source,
    foreign: markers.filter((m) => m.version !== version),
    evidence: markers.filter((m) => m.version === version),
    unknownSchema: schemaRef !== undefined && !explicit ? String(schemaRef) : undefined,
  };
}

/** Top-level markers weigh most: they name the policy's shape; nested ones break ties. */
function majority(markers: VersionMarker[]): ApiVersion | undefined {
  for (const depth of [1, Infinity]) {
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
  // Each step carries the schemas of both versions at `path`, so none is looked up from the root.
  const walk = (value: unknown, path: JsonPath, inV1: JsonSchema[], inBeta: JsonSchema[]): void => {
    if (Array.isArray(value)) {
      // Only arrays the schemas describe: anything else is the schema layer's to report, and
      // walking it could recurse as deep as the document is nested.
      if (v1.childSchemas(inV1, 0, value[0]).length === 0 && beta.childSchemas(inBeta, 0, value[0]).length === 0) return;
      value.forEach((item, i) => walk(item, [...path, i], v1.childSchemas(inV1, i, item), beta.childSchemas(inBeta, i, item)));
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
      else if (a && b) walk(value[key], [...path, key], v1.childSchemas(inV1, key, value[key]), beta.childSchemas(inBeta, key, value[key]));
    }
  };
  walk(document, [], v1.alternatives(v1.root, document), beta.alternatives(beta.root, document));
  return out;
}
