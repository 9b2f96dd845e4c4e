// The folder configuration (accesspolicy.config.json): parse and validate it, read an
// environment's tenant, cloud and values. Pure: no I/O (deploy/src/environments finds and reads
// the file beside a folder).
export {
  parseConfig,
  valuesFor,
  environmentNames,
  type AccessPolicyConfig,
  type EnvironmentConfig,
  type ConfigParseResult,
} from './parseConfig';
export { CONFIG_FILE_NAME, IDS_FILE_NAME, isConfigFilePath } from './configFiles';
export { CONFIG_SCHEMA, CONFIG_CLOUDS, DEFAULT_CONFIG_CLOUD, ENVIRONMENT_NAME, VALUE_NAME } from './configSchema';
