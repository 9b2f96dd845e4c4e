// What each `@odata.type` value means, in this project's own words: for the subject-set family
// (v1.0 `subjectSet`, beta `userSet`: approvers, targets, requestors, reviewers) and the few other
// discriminated types a policy holds. The data is schemas/inputs/docs/types.json, which the schema
// generator also writes into the schemas (type cards as `markdownDescription`, skeletons as
// `defaultSnippets`). Which slots accept a type comes from slots.ts and which properties it takes
// comes from the schema, so neither is repeated there.
import type { ApiVersion } from '../diagnostic';
import data from '../../../schemas/inputs/docs/types.json';
import { shortTypeName } from '../graphNames';

export interface TypeDoc {
  /** Short Graph type name, e.g. `singleUser`. */
  name: string;
  /** One line: what the entry stands for. */
  summary: string;
  /** Who ends up acting (approving, requesting, reviewing) when this entry is used. */
  whoActs: string;
  /** Extra notes for one API version (differences, caveats). */
  notes?: Partial<Record<ApiVersion, string>>;
  /** Facts here are inferred rather than documented. */
  inferred?: string;
  /** Entries for the properties a new object of this type needs, with a placeholder or default. */
  skeleton?: Partial<Record<ApiVersion, SkeletonEntry[]>>;
  /** Subject sets: what an entry is called in a summary, before its id ("members of group"). */
  noun?: string;
}

/** A property a new object gets: a string placeholder (tab stop) or a literal default. */
export type SkeletonEntry = { key: string; placeholder: string } | { key: string; value: boolean | number | string };

const TYPES = data.types as TypeDoc[];

const BY_NAME = new Map(TYPES.map((t) => [t.name, t]));

/** The doc for an `@odata.type` value (`#microsoft.graph.singleUser`, with or without `#`/namespace). */
export function typeDoc(odataType: string): TypeDoc | undefined {
  return BY_NAME.get(shortTypeName(odataType));
}
