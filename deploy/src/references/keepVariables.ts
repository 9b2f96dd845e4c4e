// A pull into a file that says `${var:name}` keeps saying it where the environment's value is what
// the tenant holds there: the pulled body gets the file's string back at that place, so re-pulling
// an unchanged policy leaves the file as it was, and the value stays the environment's, not dev's
// or prod's literal. Where the tenant's value differs, the tenant's (or its reference) is written.
import { ParsedPolicy, findReferenceStrings, substituteReferences, type JsonPath } from '../../../core/src';
import type { PolicyValue } from '../deploy/policyBody';
import { setAt } from './portable';

/**
 * `pulled` with the file's `${var:…}` strings put back wherever substituting the environment's
 * `values` gives `tenant`'s string at the same place (`tenant` is the body with ids, `pulled` the
 * one written, perhaps with references).
 */
export function keepVariables(fileText: string, pulled: PolicyValue, tenant: PolicyValue, values: Record<string, string>): PolicyValue {
  const parsed = new ParsedPolicy(fileText);
  const strings = findReferenceStrings(parsed.text, parsed.value).filter((s) => s.references.some((r) => r.kind === 'var'));
  if (strings.length === 0) return pulled;
  const out = structuredClone(pulled);
  for (const s of strings) {
    let resolvable = true;
    const resolved = substituteReferences(s.value, (ref) => {
      const v = ref.kind === 'var' ? values[ref.parts[0]] : undefined;
      if (v === undefined) resolvable = false;
      return v ?? '';
    });
    if (resolvable && valueAt(tenant, s.path) === resolved && valueAt(out, s.path) !== undefined) setAt(out, s.path, s.value);
  }
  return out;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const seg of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}
