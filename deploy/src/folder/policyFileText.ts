// The text of a pulled policy file: a new file, or an existing one brought up to date in place.
// In place means jsonc-parser edits of only the values that differ, so the author's comments,
// key order and formatting survive wherever the tenant did not change anything.
import { applyEdits, modify, parseTree, getNodeValue } from 'jsonc-parser';
import { type ApiVersion, policySchema, isRecord } from '../../../core/src';
import type { PolicyValue } from '../deploy/policyBody';
import { detectFormatting } from '../deploy/writeBack';
import { canonicalPolicy } from './policyShape';

export interface FileLabels {
  catalog: string;
  accessPackage: string;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

/** A new file: a comment naming catalog and package, `$schema`, then the policy as `fileValue` made it. */
export function newPolicyFileText(value: PolicyValue, apiVersion: ApiVersion, labels: FileLabels): string {
  const schemaId = policySchema(apiVersion).$id ?? `accesspolicy-${apiVersion}.schema.json`;
  const body = { $schema: schemaId, ...value };
  return `// Catalog: ${oneLine(labels.catalog)} · Access package: ${oneLine(labels.accessPackage)}\n${JSON.stringify(body, null, 2)}\n`;
}

/**
 * The existing file with the tenant's values. Unchanged when the file already says the same
 * thing (compared as `plan` compares, so `P14D` in the file against `PT336H` from the tenant is
 * left as the author wrote it); otherwise only differing values are edited.
 */
export function updatedPolicyFileText(text: string, value: PolicyValue, apiVersion: ApiVersion): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const root = parseTree(body, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') {
    throw new Error('the file does not hold a JSON object; fix or remove it and pull again');
  }
  const current = getNodeValue(root) as PolicyValue;
  const sameId = String(current.id ?? '').toLowerCase() === String(value.id ?? '').toLowerCase();
  if (sameId && JSON.stringify(canonicalPolicy(current, apiVersion)) === JSON.stringify(canonicalPolicy(value, apiVersion))) return text;
  const formattingOptions = detectFormatting(body);
  let out = body;
  // The value as edited so far: a difference that leaves its canonical form as it was is only the
  // service's spelling (`PT336H` for `P14D`, a default it fills in) and keeps the author's text.
  let working: PolicyValue = structuredClone(current);
  const canon = (v: PolicyValue): string => JSON.stringify(canonicalPolicy(v, apiVersion));
  let workingCanon = canon(working);
  const edit = (path: string[], v: unknown): void => {
    const trial = withValueAt(working, path, v);
    const trialCanon = canon(trial);
    if (trialCanon === workingCanon) return;
    out = applyEdits(out, modify(out, path, v, { formattingOptions }));
    working = trial;
    workingCanon = trialCanon;
  };
  const sync = (path: string[], cur: unknown, want: unknown): void => {
    if (JSON.stringify(cur) === JSON.stringify(want)) return;
    if (isRecord(cur) && isRecord(want)) {
      for (const k of Object.keys(cur)) if (!(k in want) && !(path.length === 0 && k === '$schema')) edit([...path, k], undefined);
      for (const [k, v] of Object.entries(want)) sync([...path, k], cur[k], v);
      return;
    }
    edit(path, want);
  };
  sync([], current, value);
  return bom + out;
}

/** A copy of `root` with the value at `path` replaced (undefined removes it). */
function withValueAt(root: PolicyValue, path: string[], v: unknown): PolicyValue {
  const copy = structuredClone(root);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (!isRecord(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (v === undefined) delete node[last];
  else node[last] = structuredClone(v);
  return copy;
}
