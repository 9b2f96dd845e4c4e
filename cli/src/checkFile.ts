// One policy file read and checked, as plain data: what `validate` reports for it, whether it was
// checked on this thread or on a worker (checkFiles.ts), so the output cannot depend on where.
import { type ApiVersion, type PolicyDiagnostic, validatePolicy, errorMessage } from '../../core/src';
import { readPolicyFile } from './readPolicyFile';

export type FileCheck =
  | { file: string; apiVersion: ApiVersion; diagnostics: PolicyDiagnostic[]; internalErrors: { rule: string; message: string }[] }
  | { file: string; unreadable: string };

export function checkFile(file: string, defaultApiVersion: ApiVersion | undefined): FileCheck {
  const read = readPolicyFile(file);
  if ('reason' in read) return { file, unreadable: read.reason };
  const result = validatePolicy(read.text, { defaultApiVersion });
  return {
    file,
    apiVersion: result.apiVersion,
    diagnostics: result.diagnostics,
    internalErrors: result.internalErrors.map(({ rule, error }) => ({ rule, message: errorMessage(error) })),
  };
}
