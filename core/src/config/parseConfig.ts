// Reads a folder configuration (accesspolicy.config.json, JSONC): the generated schema checks its
// shape (ajv), then the checks a schema cannot express (values given for every environment and
// only for known ones, no key given twice). Every finding is a diagnostic at the exact range of
// the key or value concerned. Pure: text in, config and diagnostics out.
import type { Node } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import type { PolicyDiagnostic } from '../diagnostic';
import { ParsedPolicy, type JsonPath } from '../parse';
import { loadValidator } from '../schemaValidators';
import { CONFIG_RECORDS as D } from '../diagnostics/configRecords';
import { DEFAULT_CONFIG_CLOUD } from './configSchema';
import { compareCodes } from '../diagnostics/record';

export interface EnvironmentConfig {
  name: string;
  /** A tenant id (GUID) or a verified domain, as written. */
  tenant: string;
  /** One of CONFIG_CLOUDS (`global` when the file gives none). */
  cloud: string;
}

export interface AccessPolicyConfig {
  /** By environment name, in the file's order. */
  environments: Record<string, EnvironmentConfig>;
  /** By value name, then environment name. */
  values: Record<string, Record<string, string>>;
}

export interface ConfigParseResult {
  /** The configuration, when the file has no error (warnings allowed). */
  config: AccessPolicyConfig | undefined;
  diagnostics: PolicyDiagnostic[];
  parsed: ParsedPolicy;
}

let validator: ReturnType<typeof loadValidator> | undefined;

export function parseConfig(text: string): ConfigParseResult {
  const parsed = new ParsedPolicy(text);
  const diagnostics: PolicyDiagnostic[] = parsed.syntaxDiagnostics();
  const report: Report = (diagnostic, path, preferKey = false) => {
    const node = parsed.rangeNodeAt(path, preferKey) ?? { offset: 0, length: Math.min(1, text.length) };
    const d = diagnostic({ range: parsed.lines.rangeOf(node.offset, node.length), offset: node.offset, length: node.length, path });
    // A record may place itself (a repeated key): its range follows its offset.
    d.range = parsed.lines.rangeOf(d.offset, d.length);
    diagnostics.push(d);
  };
  const value = parsed.value;
  if (!isObject(value)) {
    if (diagnostics.length === 0) report((w) => D.configNotAnObject.diagnostic(w), []);
    return done(undefined);
  }

  validator ??= loadValidator('config');
  if (!validator(value)) schemaFindings(validator.errors ?? [], value, report);
  duplicateKeys(parsed.root, report);
  valueCoverage(value, report);

  const hasError = diagnostics.some((d) => d.severity === 'error');
  return done(hasError ? undefined : toConfig(value));

  function done(config: AccessPolicyConfig | undefined): ConfigParseResult {
    diagnostics.sort((a, b) => a.offset - b.offset || compareCodes(a.code, b.code));
    return { config, diagnostics, parsed };
  }
}

/** `${var:name}` values of one environment: every value's string for `envName`. */
export function valuesFor(config: AccessPolicyConfig, envName: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, perEnv] of Object.entries(config.values)) {
    if (Object.prototype.hasOwnProperty.call(perEnv, envName)) out[name] = perEnv[envName];
  }
  return out;
}

export function environmentNames(config: AccessPolicyConfig): string[] {
  return Object.keys(config.environments);
}

type Report = (diagnostic: (where: Where) => PolicyDiagnostic, path: JsonPath, preferKey?: boolean) => void;
type Where = Pick<PolicyDiagnostic, 'range' | 'offset' | 'length' | 'path'>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pathOf(instancePath: string): JsonPath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function where(path: JsonPath): string {
  if (path.length === 0) return 'the configuration';
  if (path[0] === 'environments' && path.length === 2) return `environment "${path[1]}"`;
  if (path[0] === 'values' && path.length === 2) return `value "${path[1]}"`;
  return `"${path.join('.')}"`;
}

const EXPECTED_KEYS: Record<string, string[]> = {
  root: ['environments', 'values', '$schema'],
  environment: ['tenant', 'cloud'],
};

function schemaFindings(errors: ErrorObject[], value: Record<string, unknown>, report: Report): void {
  const seen = new Set<string>();
  const once = (key: string) => !seen.has(key) && !!seen.add(key);
  for (const e of errors) {
    const path = pathOf(e.instancePath);
    // A name that breaks a propertyNames pattern: ajv puts the name on the error.
    const name = (e as ErrorObject & { propertyName?: string }).propertyName;
    if (name !== undefined) {
      if (!once(`name:${e.instancePath}/${name}`)) continue;
      const namePath = [...path, name];
      if (path.length === 1 && path[0] === 'environments') report((w) => D.badEnvironmentName.diagnostic(w, { name }), namePath, true);
      else if (path.length === 1 && path[0] === 'values') report((w) => D.badValueName.diagnostic(w, { name }), namePath, true);
      continue;
    }
    switch (e.keyword) {
      case 'propertyNames':
        break;
      case 'additionalProperties': {
        const property = String((e.params as { additionalProperty: string }).additionalProperty);
        const expected =
          path.length === 0 ? EXPECTED_KEYS.root : path[0] === 'environments' && path.length === 2 ? EXPECTED_KEYS.environment : [];
        report((w) => D.configUnknownProperty.diagnostic(w, { property, where: where(path), expected }), [...path, property], true);
        break;
      }
      case 'required': {
        const missing = String((e.params as { missingProperty: string }).missingProperty);
        report((w) => D.configRequired.diagnostic(w, { missing, environment: path[1] as string | undefined }), path, path.length > 0);
        break;
      }
      case 'minProperties':
        report((w) => D.noEnvironments.diagnostic(w), path);
        break;
      case 'type': {
        const type = String((e.params as { type: string }).type);
        const expected = type === 'object' ? 'an object ({ … })' : type === 'string' ? 'a string' : `of type ${type}`;
        if (once(`type:${e.instancePath}`)) report((w) => D.configWrongType.diagnostic(w, { where: where(path), expected }), path);
        break;
      }
      case 'enum':
        if (path[path.length - 1] === 'cloud' && once(`cloud:${e.instancePath}`))
          report((w) => D.badCloud.diagnostic(w, { given: String(valueAt(value, path)) }), path);
        break;
      case 'pattern':
      case 'anyOf':
        if (path[path.length - 1] === 'tenant' && once(`tenant:${e.instancePath}`))
          report((w) => D.badTenant.diagnostic(w, { given: String(valueAt(value, path)) }), path);
        break;
      default:
        if (once(`other:${e.instancePath}`))
          report((w) => D.configWrongType.diagnostic(w, { where: where(path), expected: `valid (${e.message ?? 'not valid'})` }), path);
    }
  }
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let v: unknown = value;
  for (const seg of path) v = isObject(v) ? v[seg as string] : undefined;
  return v;
}

/** JSON lets a key repeat and keeps the last; in a config that is always a slip. */
function duplicateKeys(root: Node | undefined, report: Report): void {
  const walk = (node: Node, path: JsonPath): void => {
    if (node.type !== 'object') return;
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const [keyNode, child] = prop.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) {
        // The path of a repeated key finds the first; place this one at its own key.
        report(
          (w) =>
            D.duplicateKey.diagnostic(
              { ...w, offset: keyNode.offset, length: keyNode.length, range: w.range },
              { key, where: where(path) },
            ),
          [...path, key],
          true,
        );
      }
      seen.add(key);
      if (child && path.length < 2) walk(child, [...path, key]);
    }
  };
  if (root) walk(root, []);
}

/** Each value must be given for every environment, and only for environments that exist. */
function valueCoverage(value: Record<string, unknown>, report: Report): void {
  const environments = isObject(value.environments) ? Object.keys(value.environments) : undefined;
  if (!environments || environments.length === 0 || !isObject(value.values)) return;
  for (const [name, perEnv] of Object.entries(value.values)) {
    if (!isObject(perEnv)) continue;
    for (const environment of Object.keys(perEnv)) {
      if (!environments.includes(environment))
        report(
          (w) => D.unknownEnvironmentInValue.diagnostic(w, { value: name, environment, environments }),
          ['values', name, environment],
          true,
        );
    }
    const missing = environments.filter((e) => !Object.prototype.hasOwnProperty.call(perEnv, e));
    if (missing.length) report((w) => D.valueMissingForEnvironment.diagnostic(w, { value: name, missing }), ['values', name], true);
  }
}

function toConfig(value: Record<string, unknown>): AccessPolicyConfig {
  const environments: Record<string, EnvironmentConfig> = {};
  for (const [name, env] of Object.entries(value.environments as Record<string, Record<string, string>>)) {
    environments[name] = { name, tenant: env.tenant.trim(), cloud: env.cloud ?? DEFAULT_CONFIG_CLOUD };
  }
  const values: Record<string, Record<string, string>> = {};
  for (const [name, perEnv] of Object.entries((value.values ?? {}) as Record<string, Record<string, string>>)) values[name] = { ...perEnv };
  return { environments, values };
}
