// One policy file read and checked, as plain data: what `validate` reports for it, whether it was
// checked on this thread or on a worker (checkFiles.ts), so the output cannot depend on where.
import { readFileSync } from 'node:fs';
import type { ApiVersion, PolicyDiagnostic } from '../../core/src/diagnostic';
import { validatePolicy } from '../../core/src/validate';
import { errnoText } from './findPolicyFiles';

export type FileCheck =
  | { file: string; apiVersion: ApiVersion; diagnostics: PolicyDiagnostic[]; internalErrors: { rule: string; message: string }[] }
  | { file: string; unreadable: string };

export function checkFile(file: string, defaultApiVersion: ApiVersion | undefined): FileCheck {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { file, unreadable: errnoText(err) };
  }
  // A UTF-8 byte order mark is legal in a file but not in JSON; editors hide it, so do we.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const result = validatePolicy(text, { defaultApiVersion });
  return {
    file,
    apiVersion: result.apiVersion,
    diagnostics: result.diagnostics,
    internalErrors: result.internalErrors.map(({ rule, error }) => ({ rule, message: error instanceof Error ? error.message : String(error) })),
  };
}
