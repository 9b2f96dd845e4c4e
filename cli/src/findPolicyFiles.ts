// The CLI's file and folder arguments are expanded by the same walker the folder commands use.
export { findPolicyFiles, errnoText, POLICY_SUFFIX, type FileArgResult } from '../../deploy/src';
