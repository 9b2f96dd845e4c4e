// What enum values mean, where we know: the data is schemas/inputs/docs/enums.json, which the
// schema generator also writes into the schemas as `markdownEnumDescriptions`. Keyed by the enum's
// Graph type (`x-graphType`); beta's string "enums" are plain Edm.String in Graph, so those are
// keyed by `<owner type>.<property>` instead.
import data from '../../../schemas/inputs/docs/enums.json';

/** A table of meanings, or the key of another table with the same meanings. */
const ENUMS = data.enums as Record<string, Record<string, string> | string>;

function table(key: string): Record<string, string> | undefined {
  const t = ENUMS[key];
  return typeof t === 'string' ? (ENUMS[t] as Record<string, string> | undefined) : t;
}

/** What `value` means for an enum of Graph type `enumType`, or for `<owner>.<property>`. */
export function enumValueDoc(keys: readonly (string | undefined)[], value: string): string | undefined {
  for (const key of keys) {
    if (!key) continue;
    const doc = table(key)?.[value];
    if (doc) return doc;
  }
  return undefined;
}
