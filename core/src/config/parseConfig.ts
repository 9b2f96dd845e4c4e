// Reads a folder configuration (accesspolicy.config.json, JSONC): the generated schema checks its
// shape (ajv), then the checks a schema cannot express (values given for every environment and
// only for known ones, no key given twice). Every finding is a diagnostic at the exact range of
// the key or value concerned. Pure: text in, config and diagnostics out.
import type { Node } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import type { PolicyDiagnostic } from '../diagnostic';
import { ParsedPolicy, type JsonPath } from '../parse';
import { loadValidator } from '../schemaValidators';
import { CONFIG_CODES, type ConfigCode } from './configCodes';
import { CLOUD_HOSTS, CONFIG_CLOUDS, DEFAULT_CONFIG_CLOUD } from './configSchema';
import { CONFIG_FILE_NAME } from './configFiles';

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
  const report = (code: ConfigCode, path: JsonPath, message: string, preferKey = false, severity: PolicyDiagnostic['severity'] = 'error') => {
    const node = parsed.rangeNodeAt(path, preferKey) ?? { offset: 0, length: Math.min(1, text.length) };
    diagnostics.push({ code, severity, message, range: parsed.lines.rangeOf(node.offset, node.length), offset: node.offset, length: node.length, path });
  };
  const value = parsed.value;
  if (!isObject(value)) {
    if (diagnostics.length === 0) report(CONFIG_CODES.notAnObject, [], `${CONFIG_FILE_NAME} must hold one JSON object: { "environments": { "dev": { "tenant": "…" } } }.`);
    return done(undefined);
  }

  validator ??= loadValidator('config');
  if (!validator(value)) schemaFindings(validator.errors ?? [], value, report);
  duplicateKeys(parsed.root, report);
  valueCoverage(value, report);

  const hasError = diagnostics.some((d) => d.severity === 'error');
  return done(hasError ? undefined : toConfig(value));

  function done(config: AccessPolicyConfig | undefined): ConfigParseResult {
    diagnostics.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
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

type Report = (code: ConfigCode, path: JsonPath, message: string, preferKey?: boolean, severity?: PolicyDiagnostic['severity']) => void;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pathOf(instancePath: string): JsonPath {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
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
    const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
    if (propertyName !== undefined) {
      if (!once(`name:${e.instancePath}/${propertyName}`)) continue;
      const namePath = [...path, propertyName];
      if (path.length === 1 && path[0] === 'environments') {
        report(CONFIG_CODES.badEnvironmentName, namePath, `Environment name "${propertyName}" is not usable with --env: start with a letter, then letters, digits, "-" or "_" (at most 64).`, true);
      } else if (path.length === 1 && path[0] === 'values') {
        report(CONFIG_CODES.badValueName, namePath, `Value name "${propertyName}" cannot be written as \${var:${propertyName}}: start with a letter or "_", then letters, digits, "_", "-" or ".".`, true);
      }
      continue;
    }
    switch (e.keyword) {
      case 'propertyNames':
        break;
      case 'additionalProperties': {
        const name = String((e.params as { additionalProperty: string }).additionalProperty);
        const expected = path.length === 0 ? EXPECTED_KEYS.root : path[0] === 'environments' && path.length === 2 ? EXPECTED_KEYS.environment : [];
        const close = expected.find((k) => k.toLowerCase() === name.toLowerCase());
        const hint = close ? ` Did you mean "${close}"?` : expected.length ? ` Expected: ${expected.map((k) => `"${k}"`).join(', ')}.` : '';
        report(CONFIG_CODES.unknownProperty, [...path, name], `Unknown property "${name}" in ${where(path)}.${hint}`, true);
        break;
      }
      case 'required': {
        const missing = String((e.params as { missingProperty: string }).missingProperty);
        const message = missing === 'tenant'
          ? `Environment "${path[1]}" has no "tenant": give the tenant's id (a GUID) or a domain such as contoso.onmicrosoft.com.`
          : `${CONFIG_FILE_NAME} has no "${missing}": name at least one environment, e.g. "environments": { "dev": { "tenant": "contoso-dev.onmicrosoft.com" } }.`;
        report(CONFIG_CODES.required, path, message, path.length > 0);
        break;
      }
      case 'minProperties':
        report(CONFIG_CODES.noEnvironments, path, 'No environments: name at least one, e.g. "dev": { "tenant": "contoso-dev.onmicrosoft.com" }.');
        break;
      case 'type':
        if (once(`type:${e.instancePath}`)) report(CONFIG_CODES.wrongType, path, `${where(path)} must be ${article(String((e.params as { type: string }).type))}.`);
        break;
      case 'enum':
        if (path[path.length - 1] === 'cloud' && once(`cloud:${e.instancePath}`)) report(CONFIG_CODES.badCloud, path, cloudMessage(String(valueAt(value, path))));
        break;
      case 'pattern':
      case 'anyOf':
        if (path[path.length - 1] === 'tenant' && once(`tenant:${e.instancePath}`)) report(CONFIG_CODES.badTenant, path, tenantMessage(String(valueAt(value, path))));
        break;
      default:
        if (once(`other:${e.instancePath}`)) report(CONFIG_CODES.wrongType, path, `${where(path)}: ${e.message ?? 'not valid'}.`);
    }
  }
}

function article(type: string): string {
  return type === 'object' ? 'an object ({ … })' : type === 'string' ? 'a string' : `of type ${type}`;
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let v: unknown = value;
  for (const seg of path) v = isObject(v) ? v[seg as string] : undefined;
  return v;
}

function looksLikeUrl(s: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s.trim())) return undefined;
  try {
    return new URL(s.trim());
  } catch {
    return undefined;
  }
}

function cloudMessage(given: string): string {
  const names = CONFIG_CLOUDS.map((c) => `"${c}"`).join(', ');
  const url = looksLikeUrl(given);
  if (url) {
    const owners = Object.entries(CLOUD_HOSTS).filter(([, hosts]) => hosts.includes(url.host)).map(([name]) => name);
    const hint = owners.length ? ` ${url.host} belongs to cloud "${owners[0]}": write "cloud": "${owners[0]}".` : ` ${url.host} is not a Microsoft cloud's host.`;
    return `"cloud" is a cloud's name, never a URL (the cloud decides where sign-in and Graph requests go): one of ${names}.${hint}`;
  }
  const close = CONFIG_CLOUDS.find((c) => c === given.trim().toLowerCase());
  return close ? `Cloud names are lower case: write "${close}".` : `Unknown cloud "${given}": use one of ${names} (default "${DEFAULT_CONFIG_CLOUD}").`;
}

function tenantMessage(given: string): string {
  const url = looksLikeUrl(given);
  if (url) {
    const segment = url.pathname.split('/').filter(Boolean)[0];
    const hint = segment ? ` Perhaps "${segment}", the tenant in that URL's path?` : '';
    return `"tenant" is the tenant's id (a GUID) or a domain, never a URL (the cloud decides the sign-in host).${hint}`;
  }
  if (/@/.test(given)) return `"tenant" is the tenant's id or domain, not an account: "${given.split('@').pop()}" is the domain of "${given}".`;
  return `"${given}" is not a tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47) or a domain (such as contoso.onmicrosoft.com).`;
}

/** JSON lets a key repeat and keeps the last; in a config that is always a slip. */
function duplicateKeys(root: Node | undefined, report: Report): void {
  const walk = (node: Node, path: JsonPath): void => {
    if (node.type !== 'object') return;
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const [key, child] = prop.children ?? [];
      if (!key) continue;
      const name = String(key.value);
      if (seen.has(name)) report(CONFIG_CODES.duplicateKey, [...path, name], `"${name}" is given twice in ${where(path)}; JSON keeps only the last one. Remove one of them.`, true);
      seen.add(name);
      if (child && path.length < 2) walk(child, [...path, name]);
    }
  };
  if (root) walk(root, []);
}

/** Each value must be given for every environment, and only for environments that exist. */
function valueCoverage(value: Record<string, unknown>, report: Report): void {
  const envs = isObject(value.environments) ? Object.keys(value.environments) : undefined;
  if (!envs || envs.length === 0 || !isObject(value.values)) return;
  for (const [name, perEnv] of Object.entries(value.values)) {
    if (!isObject(perEnv)) continue;
    for (const env of Object.keys(perEnv)) {
      if (!envs.includes(env)) {
        const close = envs.find((e) => e.toLowerCase() === env.toLowerCase());
        report(CONFIG_CODES.unknownEnvironmentInValue, ['values', name, env], `Value "${name}" is given for "${env}", which is not an environment (${envs.map((e) => `"${e}"`).join(', ')}).${close ? ` Did you mean "${close}"?` : ''}`, true);
      }
    }
    const missing = envs.filter((e) => !Object.prototype.hasOwnProperty.call(perEnv, e));
    if (missing.length) {
      report(CONFIG_CODES.valueMissingForEnvironment, ['values', name], `Value "${name}" has no value for environment${missing.length === 1 ? '' : 's'} ${missing.map((e) => `"${e}"`).join(', ')}: \${var:${name}} could not be resolved there.`, true);
    }
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
