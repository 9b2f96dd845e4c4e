// AP3xxx: the folder configuration (accesspolicy.config.json): its generated schema
// (scripts/generate-config-schema.mjs) and the checks a schema cannot express. Reported by
// core/src/config/parseConfig.ts; syntax errors there keep AP0001.
import type { ApiVersion } from '../diagnostic';
import { define } from './record';
import { CLOUD_HOSTS, CONFIG_CLOUDS, DEFAULT_CONFIG_CLOUD } from '../config/configSchema';
import { CONFIG_FILE_NAME } from '../config/configFiles';

const BOTH: readonly ApiVersion[] = ['v1.0', 'beta'];
// The configuration is the product's own file format: its checks are its own conventions.
const CONFIG_SCHEMA_SOURCE = { cell: 'config schema', urls: [], own: true } as const;
const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

function urlIn(given: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(given.trim())) return undefined;
  try {
    return new URL(given.trim());
  } catch {
    return undefined;
  }
}

export const CONFIG_RECORDS = {
  configNotAnObject: define({
    code: 'AP3001',
    name: 'configNotAnObject',
    severity: 'error',
    versions: BOTH,
    title: `\`${CONFIG_FILE_NAME}\` is empty or not one JSON object`,
    source: CONFIG_SCHEMA_SOURCE,
    message: () => `${CONFIG_FILE_NAME} must hold one JSON object: { "environments": { "dev": { "tenant": "…" } } }.`,
  }),
  configUnknownProperty: define<{ property: string; where: string; expected: readonly string[] }>({
    code: 'AP3002',
    name: 'configUnknownProperty',
    severity: 'error',
    versions: BOTH,
    title: 'Unknown property in the configuration or in an environment (with a suggestion)',
    source: CONFIG_SCHEMA_SOURCE,
    message: (a) => {
      const close = a.expected.find((k) => k.toLowerCase() === a.property.toLowerCase());
      const hint = close ? ` Did you mean "${close}"?` : a.expected.length ? ` Expected: ${quoted(a.expected)}.` : '';
      return `Unknown property "${a.property}" in ${a.where}.${hint}`;
    },
  }),
  configWrongType: define<{ where: string; expected: string }>({
    code: 'AP3003',
    name: 'configWrongType',
    severity: 'error',
    versions: BOTH,
    title: 'Wrong JSON type (an environment or a value that is not an object, a tenant that is not a string, …)',
    source: CONFIG_SCHEMA_SOURCE,
    message: (a) => `${a.where} must be ${a.expected}.`,
  }),
  configRequired: define<{ missing: string; environment?: string }>({
    code: 'AP3004',
    name: 'configRequired',
    severity: 'error',
    versions: BOTH,
    title: 'No `environments`, or an environment without `tenant`',
    source: CONFIG_SCHEMA_SOURCE,
    message: (a) =>
      a.missing === 'tenant'
        ? `Environment "${a.environment}" has no "tenant": give the tenant's id (a GUID) or a domain such as contoso.onmicrosoft.com.`
        : `${CONFIG_FILE_NAME} has no "${a.missing}": name at least one environment, e.g. "environments": { "dev": { "tenant": "contoso-dev.onmicrosoft.com" } }.`,
  }),
  badEnvironmentName: define<{ name: string }>({
    code: 'AP3005',
    name: 'badEnvironmentName',
    severity: 'error',
    versions: BOTH,
    title: 'An environment name `--env` cannot take (a letter, then letters, digits, `-`, `_`; at most 64)',
    source: CONFIG_SCHEMA_SOURCE,
    message: (a) =>
      `Environment name "${a.name}" is not usable with --env: start with a letter, then letters, digits, "-" or "_" (at most 64).`,
  }),
  badTenant: define<{ given: string }>({
    code: 'AP3006',
    name: 'badTenant',
    severity: 'error',
    versions: BOTH,
    title: 'A tenant that is neither a tenant id (GUID) nor a domain: a URL (the tenant in its path is suggested), an account, other text',
    source: {
      cell: 'config schema; the authority takes a tenant id or a verified domain',
      urls: ['https://learn.microsoft.com/en-us/entra/identity-platform/msal-client-application-configuration#authority'],
    },
    message: (a) => {
      const url = urlIn(a.given);
      if (url) {
        const segment = url.pathname.split('/').filter(Boolean)[0];
        return `"tenant" is the tenant's id (a GUID) or a domain, never a URL (the cloud decides the sign-in host).${segment ? ` Perhaps "${segment}", the tenant in that URL's path?` : ''}`;
      }
      if (a.given.includes('@'))
        return `"tenant" is the tenant's id or domain, not an account: "${a.given.split('@').pop()}" is the domain of "${a.given}".`;
      return `"${a.given}" is not a tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47) or a domain (such as contoso.onmicrosoft.com).`;
    },
  }),
  badCloud: define<{ given: string }>({
    code: 'AP3007',
    name: 'badCloud',
    severity: 'error',
    versions: BOTH,
    title: `A cloud that is not one of the known names (${CONFIG_CLOUDS.map((c) => `\`${c}\``).join(', ')}): a URL is answered with the cloud whose host it is; a wrong case with the right spelling`,
    source: { cell: 'config schema, from `deploy/src/cloud.ts`', urls: ['https://learn.microsoft.com/en-us/graph/deployments'] },
    message: (a) => {
      const url = urlIn(a.given);
      if (url) {
        const owner = Object.entries(CLOUD_HOSTS).find(([, hosts]) => hosts.includes(url.host))?.[0];
        const hint = owner
          ? ` ${url.host} belongs to cloud "${owner}": write "cloud": "${owner}".`
          : ` ${url.host} is not a Microsoft cloud's host.`;
        return `"cloud" is a cloud's name, never a URL (the cloud decides where sign-in and Graph requests go): one of ${quoted(CONFIG_CLOUDS)}.${hint}`;
      }
      const close = CONFIG_CLOUDS.find((c) => c === a.given.trim().toLowerCase());
      return close
        ? `Cloud names are lower case: write "${close}".`
        : `Unknown cloud "${a.given}": use one of ${quoted(CONFIG_CLOUDS)} (default "${DEFAULT_CONFIG_CLOUD}").`;
    },
  }),
  noEnvironments: define({
    code: 'AP3008',
    name: 'noEnvironments',
    severity: 'error',
    versions: BOTH,
    title: '`environments` is empty',
    source: CONFIG_SCHEMA_SOURCE,
    message: () => 'No environments: name at least one, e.g. "dev": { "tenant": "contoso-dev.onmicrosoft.com" }.',
  }),
  badValueName: define<{ name: string }>({
    code: 'AP3009',
    name: 'badValueName',
    severity: 'error',
    versions: BOTH,
    title: 'A value name `${var:name}` cannot spell (a letter or `_`, then letters, digits, `_`, `-`, `.`)',
    source: CONFIG_SCHEMA_SOURCE,
    message: (a) =>
      `Value name "${a.name}" cannot be written as \${var:${a.name}}: start with a letter or "_", then letters, digits, "_", "-" or ".".`,
  }),
  unknownEnvironmentInValue: define<{ value: string; environment: string; environments: readonly string[] }>({
    code: 'AP3010',
    name: 'unknownEnvironmentInValue',
    severity: 'error',
    versions: BOTH,
    title: 'A value given for an environment the configuration does not name (with a suggestion)',
    source: { cell: 'environments.md', urls: [], own: true },
    message: (a) => {
      const close = a.environments.find((e) => e.toLowerCase() === a.environment.toLowerCase());
      return `Value "${a.value}" is given for "${a.environment}", which is not an environment (${quoted(a.environments)}).${close ? ` Did you mean "${close}"?` : ''}`;
    },
  }),
  valueMissingForEnvironment: define<{ value: string; missing: readonly string[] }>({
    code: 'AP3011',
    name: 'valueMissingForEnvironment',
    severity: 'error',
    versions: BOTH,
    title: 'A value not given for every environment: `${var:name}` could not be resolved there',
    source: { cell: 'environments.md', urls: [], own: true },
    message: (a) =>
      `Value "${a.value}" has no value for environment${a.missing.length === 1 ? '' : 's'} ${quoted(a.missing)}: \${var:${a.value}} could not be resolved there.`,
  }),
  duplicateKey: define<{ key: string; where: string }>({
    code: 'AP3012',
    name: 'duplicateKey',
    severity: 'error',
    versions: BOTH,
    title: 'A key given twice in the configuration, an environment or a value (JSON keeps only the last)',
    source: { cell: 'RFC 8259 §4', urls: ['https://www.rfc-editor.org/rfc/rfc8259#section-4'] },
    message: (a) => `"${a.key}" is given twice in ${a.where}; JSON keeps only the last one. Remove one of them.`,
  }),
};
