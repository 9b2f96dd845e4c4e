// Which file of a folder holds a pulled policy when no id says so: a portable file (pull
// --portable) has no "id", and in a folder with environments a file has no id yet for an
// environment pulled for the first time. Such a file is matched by the key deploy adopts by, the
// access package (as the file writes it: a `${accessPackage:…}` reference or an id) and the display
// name, compared case-insensitively. Two files for one policy, or one file for two policies, is
// refused naming them: pulling into either would be a guess.
import { parse } from 'jsonc-parser';
import type { ApiVersion } from '../../../core/src';
import { accessPackageIdOf, displayNameOf, type PolicyValue } from '../deploy/policyBody';
import type { IndexedFile } from './folderIndex';

export interface PolicyKeys {
  id: string;
  /** The policy as each way a file may write it (with references, with ids). */
  values: PolicyValue[];
}

export type NameMatch = { file: IndexedFile } | { refused: string; file: IndexedFile };

/** For each policy that matches an id-less file: the file, or why it is refused. */
export function matchByName(
  files: readonly IndexedFile[],
  policies: readonly PolicyKeys[],
  apiVersion: ApiVersion,
): Map<string, NameMatch> {
  const byKey = new Map<string, IndexedFile[]>();
  for (const f of files) {
    const value = parse(f.text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true }) as PolicyValue | undefined;
    const key = value && typeof value === 'object' ? keyOf(value, apiVersion) : undefined;
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const candidates = new Map<string, IndexedFile[]>();
  const claims = new Map<IndexedFile, string[]>();
  for (const p of policies) {
    const found = [...new Set(p.values.flatMap((v) => byKey.get(keyOf(v, apiVersion) ?? '') ?? []))];
    if (found.length === 0) continue;
    candidates.set(p.id, found);
    if (found.length === 1) claims.set(found[0], [...(claims.get(found[0]) ?? []), p.id]);
  }
  const out = new Map<string, NameMatch>();
  for (const [id, found] of candidates) {
    const file = found[0];
    if (found.length > 1) {
      out.set(id, {
        file,
        refused: `${found.length} files without an id have its access package and display name (${found.map((f) => f.file).join(', ')}); keep one, or record the policy's id for it, and pull again`,
      });
      continue;
    }
    const rivals = claims.get(file)!;
    out.set(
      id,
      rivals.length > 1
        ? {
            file,
            refused: `${rivals.length} policies of the tenant (${rivals.join(', ')}) have the access package and display name of ${file}, which has no id; rename one in the tenant, or record the id that file is for, and pull again`,
          }
        : { file },
    );
  }
  return out;
}

function keyOf(value: PolicyValue, apiVersion: ApiVersion): string | undefined {
  const pkg = accessPackageIdOf(value, apiVersion);
  const name = displayNameOf(value);
  return pkg && name ? `${pkg.toLowerCase()}\n${name.trim().toLowerCase()}` : undefined;
}
