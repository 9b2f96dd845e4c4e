// Every diagnostic code of the folder configuration (accesspolicy.config.json), in one place;
// docs/rules.md lists them (AP3xxx). Syntax errors keep the policy files' AP0001.
export const CONFIG_CODES = {
  notAnObject: 'AP3001',
  unknownProperty: 'AP3002',
  wrongType: 'AP3003',
  required: 'AP3004',
  badEnvironmentName: 'AP3005',
  badTenant: 'AP3006',
  badCloud: 'AP3007',
  noEnvironments: 'AP3008',
  badValueName: 'AP3009',
  unknownEnvironmentInValue: 'AP3010',
  valueMissingForEnvironment: 'AP3011',
  duplicateKey: 'AP3012',
} as const;

export type ConfigCode = (typeof CONFIG_CODES)[keyof typeof CONFIG_CODES];
