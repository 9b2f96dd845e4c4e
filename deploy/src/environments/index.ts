// Environments on disk: the folder configuration governing some paths, the environment chosen in
// it, and the ids file beside it. The parsing and checks are core/src/config (pure).
export { EnvironmentError } from './environmentError';
export { configFileFor, configFileForAll } from './findConfig';
export { IdsFile, idsFileText, type IdsByFile } from './idsFile';
export { selectEnvironment, environmentOf, readConfigFile, type ActiveEnvironment } from './selectEnvironment';
export { recordId } from './recordId';
