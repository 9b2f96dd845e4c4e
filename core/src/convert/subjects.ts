// Beta userSets → v1.0 subjectSets. Beta names every object with `id` and marks fallbacks with
// `isBackup: true` on the entry; v1.0 names the object by kind (`userId`, `groupId`, …) and keeps
// fallbacks in separate `fallback*` lists.
import { isRecord } from '../schemaNavigator';
import { V1_ID_PROPERTY } from '../versionHints';
import type { Problems } from './problems';
import { shortTypeName } from '../graphNames';

export interface SplitSubjects {
  primary: Record<string, unknown>[];
  fallback: Record<string, unknown>[];
}

/** Converts a userSet list; entries with `isBackup: true` go to `fallback`. */
export function convertUserSets(list: unknown, where: string, p: Problems): SplitSubjects {
  const out: SplitSubjects = { primary: [], fallback: [] };
  if (list === null || list === undefined) return out;
  if (!Array.isArray(list)) {
    p.refuse(`${where} is not a list of approvers or users, so it cannot be converted.`);
    return out;
  }
  list.forEach((entry, i) => {
    const converted = convertUserSet(entry, `${where}[${i}]`, p);
    if (!converted) return;
    (isRecord(entry) && entry.isBackup === true ? out.fallback : out.primary).push(converted);
  });
  return out;
}

export function convertUserSet(entry: unknown, where: string, p: Problems): Record<string, unknown> | undefined {
  if (!isRecord(entry)) {
    p.refuse(`${where} is not an object, so it cannot be converted.`);
    return undefined;
  }
  const tag = entry['@odata.type'];
  if (typeof tag !== 'string') {
    p.refuse(`${where} has no @odata.type, so its v1.0 kind is unknown.`);
    return undefined;
  }
  const kind = shortTypeName(tag);
  const out: Record<string, unknown> = { '@odata.type': tag };
  for (const [key, value] of Object.entries(entry)) {
    switch (key) {
      case '@odata.type':
      case 'isBackup': // expressed by which list the entry lands in
        break;
      case 'id': {
        const v1Key = V1_ID_PROPERTY[kind];
        if (!v1Key) {
          p.refuse(`${where} is a ${kind} with an \`id\`; v1.0 has no id property for that kind.`);
          break;
        }
        out[v1Key] = value;
        break;
      }
      case 'description':
        // Read-only on both sides: Graph fills it in and ignores it in a request body.
        p.note(`${where}.description was dropped: it is read-only (Graph fills in the display name).`);
        break;
      case 'managerLevel':
      case 'membershipRule':
        out[key] = value;
        break;
      default:
        p.refuse(`${where} has \`${key}\`, which has no v1.0 counterpart.`);
    }
  }
  return out;
}
