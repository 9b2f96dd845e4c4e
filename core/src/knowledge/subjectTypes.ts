// The subject-set family (v1.0 `subjectSet`, beta `userSet`: approvers, targets, requestors,
// reviewers), read off the generated schema's discriminated union, so the list of its types is
// written nowhere else: the schema generator derives it from Graph's metadata (scripts/schema-gen/),
// and slots, docs and rules ask here. Reads the schema documents only (no validator), so the
// extension bundle may use it.
import type { ApiVersion } from '../diagnostic';
import { schemaNavigator } from '../schemaDocuments';
import { odataTypeName, shortTypeName } from '../graphNames';

/** The base type of the family in each version's schema (a definition key). */
export const SUBJECT_SET_BASE: Readonly<Record<ApiVersion, string>> = {
  'v1.0': 'microsoft.graph.subjectSet',
  beta: 'microsoft.graph.userSet',
};

const members = new Map<ApiVersion, readonly string[]>();

/** The `@odata.type` values (`#microsoft.graph.singleUser`, …) of the family in one version. */
export function subjectSetTypes(version: ApiVersion): readonly string[] {
  let list = members.get(version);
  if (!list) {
    const nav = schemaNavigator(version);
    const base = nav.root.definitions?.[SUBJECT_SET_BASE[version]];
    if (!base) throw new Error(`the ${version} schema has no ${SUBJECT_SET_BASE[version]} definition`);
    list = nav.discriminatorValues(base);
    members.set(version, list);
  }
  return list;
}

let anyVersion: Set<string> | undefined;

/** True when the type (any spelling) is a subject set or user set in either version. */
export function isSubjectSetType(name: string): boolean {
  anyVersion ??= new Set([...subjectSetTypes('v1.0'), ...subjectSetTypes('beta')].map(shortTypeName));
  return anyVersion.has(shortTypeName(name));
}

/**
 * `#microsoft.graph.<name>` for a member of the family, for tables that list types by hand
 * (which slot accepts which): a name the schemas do not have is a mistake in the table, found the
 * first time the table loads rather than by a user whose entry is never accepted.
 */
export function subjectSetType(name: string): string {
  if (!isSubjectSetType(name)) throw new Error(`${name} is not a subject set or user set type in either schema`);
  return odataTypeName(name);
}
