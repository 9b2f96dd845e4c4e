// The kind of subject in each collection (a targetManager cannot approve; a requestorManager is not
// a target) and the manager levels. The schema accepts every subject type everywhere, and already
// reports unknown types (AP1010), so only known types in the wrong collection are flagged here.
// Facts: docs/policy-facts.md, "Subject types and where they go" and "Service rules" R5, R6, R13,
// R14; the table lives in knowledge/slots.ts.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import type { Rule, RuleContext } from './rule';
import { RULE_RECORDS as D } from '../diagnostics/catalogue';
import { at, isRecord, listTypes, odataType } from './helpers';
import { shortTypeName } from '../graphNames';
import { slotAt, slotPatterns, type SlotInfo } from '../knowledge/slots';
import { subjectSetTypes } from '../knowledge/subjectTypes';

/**
 * Every collection that holds subjects, expanded to concrete paths in this document. Several rules
 * ask for the same document one after another, so the last answer is kept (read-only: callers
 * only iterate). Not in a WeakMap keyed by the policy: an entry per checked file made every
 * young-generation collection of a folder's check slower (measured: the rules took about twice
 * their time in a fresh process). The one kept keeps its policy alive until the next check.
 */
export function subjectCollections(ctx: RuleContext): readonly JsonPath[] {
  if (last === undefined || last.policy !== ctx.policy || last.version !== ctx.version)
    last = { policy: ctx.policy, version: ctx.version, paths: collect(ctx) };
  return last.paths;
}

let last: { policy: unknown; version: ApiVersion; paths: JsonPath[] } | undefined;

function collect(ctx: RuleContext): JsonPath[] {
  const out: JsonPath[] = [];
  for (const { pattern } of slotPatterns(ctx.version)) expand(ctx.policy, pattern, 0, [], out);
  return out;
}

/** Walks `pattern` from `depth` on, `prefix` being the path so far (one array, pushed and popped). */
function expand(value: unknown, pattern: readonly (string | '*')[], depth: number, prefix: JsonPath, out: JsonPath[]): void {
  if (depth === pattern.length) {
    if (Array.isArray(value)) out.push(prefix.slice());
    return;
  }
  const head = pattern[depth];
  if (head === '*') {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      prefix.push(i);
      expand(value[i], pattern, depth + 1, prefix, out);
      prefix.pop();
    }
  } else if (isRecord(value)) {
    prefix.push(head);
    expand(value[head], pattern, depth + 1, prefix, out);
    prefix.pop();
  }
}

const knownTypes = new Map<ApiVersion, Set<string>>();

/** The `@odata.type` values the schema accepts for a subject/user set. */
function schemaSubjectTypes(version: ApiVersion): Set<string> {
  let set = knownTypes.get(version);
  if (!set) {
    set = new Set(subjectSetTypes(version));
    knownTypes.set(version, set);
  }
  return set;
}

export const subjectSlotRule: Rule = {
  id: 'subject-type-in-slot',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    const known = schemaSubjectTypes(ctx.version);
    for (const arrayPath of subjectCollections(ctx)) {
      const items = at(ctx.policy, arrayPath) as unknown[];
      // The slot of a list's entries is the same for each (a beta backup entry aside): found once,
      // not per entry of a list that may hold thousands.
      let entrySlot: { found: SlotInfo | undefined } | undefined;
      items.forEach((item, i) => {
        const t = odataType(item);
        if (!t || !known.has(t)) return; // missing or unknown tags are the schema's AP1010
        const slot =
          isRecord(item) && item.isBackup === true
            ? slotAt(ctx.version, [...arrayPath, i], item)
            : (entrySlot ??= { found: slotAt(ctx.version, [...arrayPath, i]) }).found;
        if (!slot || slot.allowedTypes.includes(t)) return;
        const path = [...arrayPath, i];
        const key = String(arrayPath[arrayPath.length - 1]);
        ctx.report(
          D.subjectTypeNotAllowedInSlot.at(
            { path: [...path, '@odata.type'], data: { slot: slot.slot, allowed: [...slot.allowedTypes] } },
            { type: shortTypeName(t), key, slot: slot.label, allowed: listTypes(slot.allowedTypes) },
          ),
        );
      });
    }
  },
};

/** R6 (docs/policy-facts.md): how far up the management chain each manager type may go. */
const MANAGER_LEVELS: Record<string, [number, number]> = {
  requestorManager: [1, 2],
  targetManager: [1, 4],
};

export const managerLevelRule: Rule = {
  id: 'manager-level-range',
  versions: ['v1.0', 'beta'],
  check(ctx) {
    for (const arrayPath of subjectCollections(ctx)) {
      (at(ctx.policy, arrayPath) as unknown[]).forEach((item, i) => {
        const t = odataType(item);
        // Both manager types' names end so: other entries (most of a large list) skip the name's conversion.
        const range = t?.endsWith('Manager') ? MANAGER_LEVELS[shortTypeName(t)] : undefined;
        if (!range || !isRecord(item)) return;
        const level = item.managerLevel;
        if (typeof level !== 'number' || !Number.isInteger(level)) return; // null/absent = 1; wrong types are AP1002
        const [min, max] = range;
        if (level >= min && level <= max) return;
        const meaning =
          shortTypeName(t!) === 'requestorManager'
            ? "1 = the manager, 2 = the manager's manager"
            : '1 = the direct manager, up to 4 levels up';
        ctx.report(
          D.managerLevelOutOfRange.at({ path: [...arrayPath, i, 'managerLevel'] }, { type: shortTypeName(t!), min, max, meaning, level }),
        );
      });
    }
  },
};

export const SUBJECT_RULES: readonly Rule[] = [subjectSlotRule, managerLevelRule];
