// The folder configuration's generated schema (scripts/generate-config-schema.mjs, from the clouds
// of deploy/src/cloud.ts) and the facts the validator and the editor read from it, so no second
// list of clouds or name patterns exists in the core.
import configSchema from '../../../schemas/accesspolicy-config.schema.json';
import type { JsonSchema } from '../schemaTypes';

export const CONFIG_SCHEMA = configSchema as JsonSchema;

const raw = configSchema as unknown as {
  properties: { environments: { propertyNames: { pattern: string } }; values: { propertyNames: { pattern: string } } };
  definitions: { environment: { properties: { cloud: { enum: string[]; default: string; 'x-cloudHosts': Record<string, string[]> } } } };
};
const cloud = raw.definitions.environment.properties.cloud;

/** The cloud names a config may give (`global`, `usgov`…), in the order of deploy/src/cloud.ts. */
export const CONFIG_CLOUDS: readonly string[] = cloud.enum;
export const DEFAULT_CONFIG_CLOUD: string = cloud.default;
/** Each cloud's sign-in and Graph hosts, to name the cloud a URL belongs to. */
export const CLOUD_HOSTS: Readonly<Record<string, readonly string[]>> = cloud['x-cloudHosts'];
export const ENVIRONMENT_NAME = new RegExp(raw.properties.environments.propertyNames.pattern);
export const VALUE_NAME = new RegExp(raw.properties.values.propertyNames.pattern);
