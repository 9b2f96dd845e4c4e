// What a property of one API version is called in the other: the beta ↔ v1.0 correspondence,
// used in messages when a file mixes the two shapes and by Convert to v1.0. The table is
// schemas/inputs/docs/correspondence.json, which also gives the hover's (and the schemas')
// counterpart sentences and docs/version-correspondence.md. The pairing is inferred from
// Microsoft's examples.
import type { ApiVersion } from './diagnostic';
import table from '../../schemas/inputs/docs/correspondence.json';

interface CorrespondenceRow {
  in: ApiVersion | 'both';
  owner: string;
  property: string;
  /** Where the place decides the hint (a formatted JSON path). */
  path?: string;
  counterpart?: string;
  hint?: string;
  conversion?: string;
}

export const CORRESPONDENCE: readonly CorrespondenceRow[] = table.properties as CorrespondenceRow[];

/** Beta requestor scopes (`requestorSettings.scopeType`) → v1.0 target scopes (`allowedTargetScope`). */
export const BETA_SCOPE_TO_V1: Readonly<Record<string, string>> = table.scopeValues;

/** The id property each subject type uses in v1.0 where beta uses `id`. */
export const V1_ID_PROPERTY: Readonly<Record<string, string>> = table.subjectIdProperty;

function hintTable(from: ApiVersion, byPath: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of CORRESPONDENCE) {
    if (row.in !== from || !row.hint || (row.path !== undefined) !== byPath) continue;
    const key = byPath ? row.path! : row.property;
    if (!out.has(key)) out.set(key, row.hint);
  }
  return out;
}

const HINTS: Record<ApiVersion, { byKey: Map<string, string>; byPath: Map<string, string> }> = {
  'v1.0': { byKey: hintTable('v1.0', false), byPath: hintTable('v1.0', true) },
  beta: { byKey: hintTable('beta', false), byPath: hintTable('beta', true) },
};

/** A sentence telling how to say `key` (a property of `from`, at `path`) in the other version. */
export function counterpartHint(key: string, from: ApiVersion, path?: string): string | undefined {
  const hints = HINTS[from];
  const hint = (path !== undefined ? hints.byPath.get(path) : undefined) ?? hints.byKey.get(key);
  return hint ? `In ${from === 'beta' ? 'v1.0' : 'beta'}, ${hint}.` : undefined;
}
