// Quick fixes for the diagnostics whose `data` says how to repair them, each a pure function of
// (parsed text, diagnostic) that knows nothing of LSP: the language server only turns the offsets
// into ranges. Every fix is a minimal text edit computed with jsonc-parser's `modify` (or a
// key-only replacement for renames), so the user's comments, order and formatting survive.
// Which fix a code gets is said by its record (core/src/diagnostics/); these are the builders.
import { modify, type JSONPath } from 'jsonc-parser';
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { schemaNavigator } from '../schemaDocuments';
import { isRecord, tagOf } from '../schemaNavigator';
import { formatOf, type JsonSchema } from '../schemaTypes';
import { schemaUrl } from '../apiVersion';
import { valueAt } from '../jsonPath';
import { detectFormatting } from '../formatting';
import type { FixableDiagnostic, FixBuilder, FixContext, QuickFix } from './quickFixTypes';

const GUID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

/** The builders a record's `fix` names. */
export const QUICK_FIXES = {
  /** AP1003: the enum value meant. */
  suggestedValue: ((d, ctx) => {
    const data = d.data ?? {};
    return typeof data.suggestion === 'string' && exists(ctx, d.path) ? [replaceValue(ctx, d.path, data.suggestion, true)] : [];
  }) as FixBuilder,
  /** AP1001: the other version's name, or the near-miss spelling. */
  unknownProperty: ((d, ctx) => unknownPropertyFixes(ctx, d.path, d.data ?? {})) as FixBuilder,
  /** AP1004: the property added with a placeholder value (or each `@odata.type` allowed). */
  missingProperty: ((d, ctx) => {
    const data = d.data ?? {};
    return typeof data.missingProperty === 'string' && isRecord(valueAt(ctx.parsed.value, d.path))
      ? missingPropertyFixes(ctx, d.path, data.missingProperty)
      : [];
  }) as FixBuilder,
  /** AP1010: a bad `@odata.type` changed to the one meant, or a missing one added. */
  subjectType: ((d, ctx) => {
    const data = d.data ?? {};
    if (typeof data.suggestion === 'string') return exists(ctx, d.path) ? [replaceValue(ctx, d.path, data.suggestion, true)] : [];
    if (data.missingProperty === '@odata.type' && Array.isArray(data.allowed)) {
      return missingTagFixes(
        ctx,
        d.path,
        data.allowed.filter((a): a is string => typeof a === 'string'),
      );
    }
    return [];
  }) as FixBuilder,
  /** AP2013 (beta): a missing or null `escalationApprovers` becomes `[]`. */
  emptyEscalationApprovers: ((d, ctx) =>
    d.path[d.path.length - 1] === 'escalationApprovers' && isRecord(valueAt(ctx.parsed.value, d.path.slice(0, -1)))
      ? [{ title: 'Set `escalationApprovers` to an empty list', isPreferred: true, edits: modifyAt(ctx.parsed.text, d.path, []) }]
      : []) as FixBuilder,
  /** AP2042: the read-only property removed. */
  removeReadOnly: ((d, ctx) => removeProperty(ctx, d.path, 'read-only ')) as FixBuilder,
  /** AP1014: the annotation removed. */
  removeAnnotation: ((d, ctx) => removeProperty(ctx, d.path, 'annotation ')) as FixBuilder,
  /**
   * AP1012, AP1013: the value without quotes, and all such values of the file at once
   * (`codes()`: the codes counted as "quoted booleans and numbers").
   */
  unquote:
    (codes: () => readonly string[]): FixBuilder =>
    (d, ctx) =>
      unquoteFixes(d, ctx, codes()),
  /** AP1015: the type name with its `#`. */
  hashedTypeName: ((d, ctx) => {
    const meant = d.data?.replaceWith;
    return typeof meant === 'string' && typeof valueAt(ctx.parsed.value, d.path) === 'string'
      ? [replaceValue(ctx, d.path, meant, true)]
      : [];
  }) as FixBuilder,
  /** AP0005: `$schema` for either version. */
  schemaForVersion: ((_d, ctx) => schemaFixes(ctx, _d.data ?? {})) as FixBuilder,
  /** AP2006: a fallback approver. */
  fallbackApprover: ((d, ctx) => fallbackFixes(d, ctx, true)) as FixBuilder,
  /** AP2029: a fallback reviewer. */
  fallbackReviewer: ((d, ctx) => fallbackFixes(d, ctx, false)) as FixBuilder,
};

// ---------------------------------------------------------------------------------------------
// Individual fixes. Each checks that what it edits is still there: a client may ask with a
// diagnostic from an older version of the document, and `modify` would otherwise create the path.

function exists(ctx: FixContext, path: JsonPath): boolean {
  return valueAt(ctx.parsed.value, path) !== undefined;
}

function replaceValue(ctx: FixContext, path: JsonPath, value: unknown, preferred: boolean): QuickFix {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    title: `Change to "${shown}"`,
    isPreferred: preferred,
    edits: modifyAt(ctx.parsed.text, path, value),
  };
}

function unknownPropertyFixes(ctx: FixContext, path: JsonPath, data: Record<string, unknown>): QuickFix[] {
  const from = path[path.length - 1];
  if (typeof from !== 'string') return [];
  const rename = isRecord(data.rename) ? data.rename : undefined;
  if (rename && typeof rename.to === 'string') {
    const fix = renameKey(ctx, path, rename.to, `Rename \`${from}\` to \`${rename.to}\` (the ${ctx.version} name)`, true);
    return fix ? [fix] : [];
  }
  if (typeof data.suggestion === 'string') {
    // A case-only difference can mean only one thing; a near-miss spelling is a good guess.
    const caseOnly = data.suggestion.toLowerCase() === from.toLowerCase();
    const fix = renameKey(ctx, path, data.suggestion, `Rename \`${from}\` to \`${data.suggestion}\``, caseOnly);
    return fix ? [fix] : [];
  }
  return [];
}

function removeProperty(ctx: FixContext, path: JsonPath, what: string): QuickFix[] {
  const key = path[path.length - 1];
  if (typeof key !== 'string' || valueAt(ctx.parsed.value, path) === undefined) return [];
  return [{ title: `Remove the ${what}\`${key}\``, isPreferred: true, edits: modifyAt(ctx.parsed.text, path, undefined) }];
}

/** `"true"` → `true`, `"365"` → `365`; and, when the file has more of them, all at once. */
function unquoteFixes(d: FixableDiagnostic, ctx: FixContext, quotedScalarCodes: readonly string[]): QuickFix[] {
  const unquote = (x: FixableDiagnostic) => {
    const meant = x.data?.replaceWith;
    if ((typeof meant !== 'boolean' && typeof meant !== 'number') || typeof valueAt(ctx.parsed.value, x.path) !== 'string')
      return undefined;
    return { meant, edits: modifyAt(ctx.parsed.text, x.path, meant) };
  };
  const one = unquote(d);
  if (!one) return [];
  const fixes: QuickFix[] = [{ title: `Write \`${String(one.meant)}\` without quotes`, isPreferred: true, edits: one.edits }];
  // Each edit replaces one string value, so the edits never overlap and apply together.
  const every = (ctx.all ?? [])
    .filter((x) => quotedScalarCodes.includes(x.code))
    .map(unquote)
    .filter((x) => x !== undefined);
  if (every.length > 1) {
    fixes.push({
      title: `Write all ${every.length} quoted booleans and numbers in this file without quotes`,
      isPreferred: false,
      edits: every.flatMap((x) => x.edits),
    });
  }
  return fixes;
}

/** A body of uncertain version: one fix per version, the majority's first. */
function schemaFixes(ctx: FixContext, data: Record<string, unknown>): QuickFix[] {
  if (!isRecord(ctx.parsed.value) || ctx.parsed.value.$schema !== undefined) return [];
  const versions = Array.isArray(data.versions) ? data.versions.filter((v): v is ApiVersion => v === 'v1.0' || v === 'beta') : [];
  return versions.map((v) => ({
    title: `Add \`$schema\` for the ${v} API (${v === 'beta' ? 'accessPackageAssignmentPolicies' : 'assignmentPolicies'})`,
    isPreferred: false, // the body itself leaves the choice open
    edits: modifyAt(ctx.parsed.text, ['$schema'], schemaUrl(v), insertFirst),
  }));
}

/** Replaces only the key token, so the value, comments and layout stay as written. */
function renameKey(ctx: FixContext, path: JsonPath, to: string, title: string, preferred: boolean): QuickFix | undefined {
  const valueNode = ctx.parsed.nodeAt(path);
  const keyNode = valueNode?.parent?.type === 'property' ? valueNode.parent.children?.[0] : undefined;
  if (!keyNode) return undefined;
  // Renaming onto a key the object already has would make a duplicate, which JSON silently resolves
  // by dropping one of them: no fix is better than that.
  const owner = valueAt(ctx.parsed.value, path.slice(0, -1));
  if (isRecord(owner) && Object.prototype.hasOwnProperty.call(owner, to)) return undefined;
  return { title, isPreferred: preferred, edits: [{ offset: keyNode.offset, length: keyNode.length, content: JSON.stringify(to) }] };
}

function missingPropertyFixes(ctx: FixContext, path: JsonPath, property: string): QuickFix[] {
  if (property === '@odata.type') {
    const schemas = schemaNavigator(ctx.version).schemasAt(path, ctx.parsed.value);
    const allowed = schemas.map((s) => tagOf(s)).filter((t): t is string => typeof t === 'string');
    return missingTagFixes(ctx, path, allowed);
  }
  const value = placeholderFor(ctx, path, property);
  return [
    {
      title: `Add the required property \`${property}\``,
      isPreferred: true,
      edits: modifyAt(ctx.parsed.text, [...path, property], value),
    },
  ];
}

/**
 * A subject or question without `@odata.type`: one fix per allowed type. When the entry's own
 * properties fit exactly one type (a `userId` means singleUser), that one is preferred and first.
 */
function missingTagFixes(ctx: FixContext, path: JsonPath, allowed: string[]): QuickFix[] {
  const entry = valueAt(ctx.parsed.value, path);
  if (!isRecord(entry)) return [];
  const nav = schemaNavigator(ctx.version);
  const keys = Object.keys(entry).filter((k) => k !== '@odata.type');
  const fitting = allowed.filter((tag) => {
    const props = new Set<string>();
    for (const s of nav.schemasAt(path, asDocWith(ctx.parsed.value, path, { ...entry, '@odata.type': tag }))) {
      for (const k of Object.keys(s.properties ?? {})) props.add(k);
    }
    return keys.length > 0 && keys.every((k) => props.has(k));
  });
  const inferred = fitting.length === 1 ? fitting[0] : undefined;
  const ordered = inferred ? [inferred, ...allowed.filter((a) => a !== inferred)] : allowed;
  return ordered.slice(0, 12).map((tag) => ({
    title: `Add "@odata.type": "${tag}"`,
    isPreferred: tag === inferred,
    edits: modifyAt(ctx.parsed.text, [...path, '@odata.type'], tag, insertFirst),
  }));
}

/** A copy of the document with the value at `path` replaced (to ask the schema "what if"). */
function asDocWith(doc: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(doc)) {
    const copy = [...doc];
    copy[head as number] = asDocWith(doc[head as number], rest, value);
    return copy;
  }
  if (isRecord(doc)) return { ...doc, [head]: asDocWith(doc[head as string], rest, value) };
  return doc;
}

/**
 * Manager or sponsor approvers without a fallback (docs/policy-facts.md, R5; AP2006, reported on the
 * approver's `@odata.type` at stages[i].primaryApprovers[j]) and manager reviews without fallback
 * reviewers (AP2029). v1.0 keeps fallbacks in their own list; beta marks an entry `isBackup: true`
 * in the same list.
 */
function fallbackFixes(d: FixableDiagnostic, ctx: FixContext, forApprover: boolean): QuickFix[] {
  const at = d.path.lastIndexOf(forApprover ? 'primaryApprovers' : ctx.version === 'beta' ? 'reviewerType' : 'primaryReviewers');
  if (at < 0) return [];
  const owner = d.path.slice(0, at); // the stage, or the review settings
  if (!isRecord(valueAt(ctx.parsed.value, owner))) return [];
  const listPath: JsonPath =
    ctx.version === 'beta'
      ? [...owner, forApprover ? 'primaryApprovers' : 'reviewers']
      : [...owner, forApprover ? 'fallbackPrimaryApprovers' : 'fallbackReviewers'];
  const existing = valueAt(ctx.parsed.value, listPath);
  if (existing !== undefined && existing !== null && !Array.isArray(existing)) return [];
  const entry: Record<string, unknown> =
    ctx.version === 'beta'
      ? { '@odata.type': '#microsoft.graph.groupMembers', isBackup: true, id: GUID_PLACEHOLDER }
      : { '@odata.type': '#microsoft.graph.groupMembers', groupId: GUID_PLACEHOLDER };
  const edits = Array.isArray(existing)
    ? modifyAt(ctx.parsed.text, [...listPath, existing.length], entry, { isArrayInsertion: true })
    : modifyAt(ctx.parsed.text, listPath, [entry]);
  const what = forApprover ? 'approver' : 'reviewer';
  return [{ title: `Add a fallback ${what} (a group: replace the zeros with its object id)`, isPreferred: true, edits }];
}

// ---------------------------------------------------------------------------------------------
// Placeholders for inserted properties

/** A value that satisfies the schema's type and reads as "fill me in". */
function placeholderFor(ctx: FixContext, path: JsonPath, property: string): unknown {
  const owner = valueAt(ctx.parsed.value, path);
  const sibling = (k: string) => (isRecord(owner) && typeof owner[k] === 'string' && owner[k] !== '' ? (owner[k] as string) : undefined);
  switch (property) {
    case 'languageCode':
      return 'en-US';
    case 'actualValue':
      return (
        sibling('text') ??
        (isRecord(owner) && isRecord(owner.displayValue) && typeof owner.displayValue.defaultText === 'string'
          ? owner.displayValue.defaultText
          : 'value')
      );
    case 'displayValue':
      return { defaultText: sibling('actualValue') ?? 'Choice text' };
  }
  const schemas = schemaNavigator(ctx.version).schemasAt([...path, property], asDocWith(ctx.parsed.value, [...path, property], undefined));
  const schema = schemas[0];
  if (property === 'text') {
    const isChoice = isRecord(owner) && 'actualValue' in owner;
    const isLocalization = isRecord(owner) && 'languageCode' in owner;
    const text = isChoice ? (sibling('actualValue') ?? 'Choice text') : isLocalization ? 'Translated text' : 'Question text';
    // beta: a question's text is a localized-content object.
    if (schema && typeOf(schema) === 'object') return { defaultText: text };
    return text;
  }
  return schema ? placeholderOfSchema(schema) : '';
}

function typeOf(schema: JsonSchema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  if (typeof t === 'string') return t;
  if (schema.properties) return 'object';
  return undefined;
}

function placeholderOfSchema(schema: JsonSchema): unknown {
  const tag = tagOf(schema);
  if (typeof tag === 'string') return { '@odata.type': tag };
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? null;
  switch (typeOf(schema)) {
    case 'string':
      switch (formatOf(schema)) {
        case 'uuid':
          return GUID_PLACEHOLDER;
        case 'duration':
          return 'P14D';
        case 'date-time':
          return '2026-01-01T00:00:00Z';
        case 'date':
          return '2026-01-01';
        default:
          return '';
      }
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' && schema.minimum > 0 ? schema.minimum : 0;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Edits

/** Puts an inserted `@odata.type` first, where readers (and Graph's examples) expect it. */
const insertFirst = { getInsertionIndex: () => 0 };

function modifyAt(
  text: string,
  path: JsonPath,
  value: unknown,
  extra: { isArrayInsertion?: boolean; getInsertionIndex?: (props: string[]) => number } = {},
): QuickFix['edits'] {
  return modify(text, path as JSONPath, value, { formattingOptions: detectFormatting(text), ...extra });
}
