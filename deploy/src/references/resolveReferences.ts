// Resolves the name references of policy files against the target tenant, before anything is
// compared or sent: `${var:name}` from the selected environment's values, every other kind through
// one DirectoryLookup (batched across all files of the command, cached). A name that matches
// nothing or several objects, an unreadable kind, a missing environment value: each is a diagnostic
// on the reference's exact range (AP41xx), and a file with any of them is not sent.
import {
  type ApiVersion,
  type JsonPath,
  type ParsedPolicy,
  type PolicyDiagnostic,
  REFERENCE_RECORDS,
  findReferenceStrings,
  referenceDiagnostic,
  type StringReferences,
  REFERENCE_KINDS,
  substituteReferences,
  type ObjectReferenceKind,
  type Reference,
} from '../../../core/src';
import { DirectoryLookup, keyOf, type LookupRequest, type LookupResult } from '../directory/directoryLookup';
import type { GraphClient } from '../graph/index';
import { delegatedPermissionsFor, directoryReadsOf } from '../auth/scopes';

/** What the environments part hands the pipelines: the selected environment's values (contract with feat/environments). */
export interface ReferenceEnvironment {
  /** The environment's name, for messages. */
  name: string;
  values: Record<string, string>;
}

export interface ResolveContext {
  graph: GraphClient;
  /** Absent: no environment selected; `${var:…}` is then AP4104. */
  environment?: ReferenceEnvironment;
  /** Tenant name for messages. */
  tenant: string;
  signal?: AbortSignal;
  /** Lookups shared by the whole command, one per API version (created on first use). */
  lookups?: Map<ApiVersion, DirectoryLookup>;
}

export interface ResolvableFile {
  parsed: ParsedPolicy;
  apiVersion: ApiVersion;
}

export interface ResolvedFile {
  /** The body with every reference replaced (the parsed value itself when it held none). */
  value: unknown;
  /** AP41xx findings; when any is an error the file must not be sent. */
  diagnostics: PolicyDiagnostic[];
  /** How many references were resolved (for progress lines). */
  references: number;
}

/** Whether a file holds references at all (cheap; no tenant needed). */
export function holdsReferences(parsed: ParsedPolicy): boolean {
  return findReferenceStrings(parsed.text, parsed.value).length > 0;
}

/** Resolves every file's references, with one batch of lookups per kind for all of them. */
export async function resolveReferences(files: readonly ResolvableFile[], ctx: ResolveContext): Promise<ResolvedFile[]> {
  const found = files.map((f) => findReferenceStrings(f.parsed.text, f.parsed.value));
  const lookups = ctx.lookups ?? new Map<ApiVersion, DirectoryLookup>();
  const lookupFor = (v: ApiVersion) => {
    let l = lookups.get(v);
    if (!l) lookups.set(v, (l = new DirectoryLookup({ graph: ctx.graph, apiVersion: v, signal: ctx.signal })));
    return l;
  };
  // One request list per API version (entitlement-management paths differ), for every file at once.
  const answers = new Map<ApiVersion, Map<string, LookupResult>>();
  for (const version of new Set(files.map((f) => f.apiVersion))) {
    const requests: LookupRequest[] = [];
    files.forEach((f, i) => {
      if (f.apiVersion !== version) return;
      for (const s of found[i]) for (const r of s.references) if (r.kind !== 'var') requests.push({ kind: r.kind, parts: r.parts });
    });
    if (!requests.length) continue;
    // A delegated sign-in asks for the directory reads these kinds need (incremental consent).
    await ctx.graph.requestPermissions(delegatedPermissionsFor(directoryReadsOf(requests.map((r) => r.kind))), ctx.signal);
    answers.set(version, await lookupFor(version).findAll(requests));
  }
  return files.map((f, i) => substitute(f, found[i], answers.get(f.apiVersion) ?? new Map(), ctx));
}

function substitute(
  file: ResolvableFile,
  strings: StringReferences[],
  answers: Map<string, LookupResult>,
  ctx: ResolveContext,
): ResolvedFile {
  if (strings.length === 0) return { value: file.parsed.value, diagnostics: [], references: 0 };
  const diagnostics: PolicyDiagnostic[] = [];
  const replacements = new Map<string, string>();
  let references = 0;
  for (const s of strings) {
    const text = s.value;
    const resolved = substituteReferences(text, (ref) => {
      references++;
      const got = resolveOne(file, s.path, text, ref, answers, ctx);
      if (typeof got === 'string') return got;
      diagnostics.push(got);
      return text.slice(ref.start, ref.end);
    });
    replacements.set(JSON.stringify(s.path), resolved);
  }
  return { value: replaceAt(file.parsed.value, [], replacements), diagnostics, references };
}

function resolveOne(
  file: ResolvableFile,
  path: JsonPath,
  text: string,
  ref: Reference,
  answers: Map<string, LookupResult>,
  ctx: ResolveContext,
): string | PolicyDiagnostic {
  const reference = text.slice(ref.start, ref.end);
  const at = <A>(record: Parameters<typeof referenceDiagnostic<A>>[1], args: A) =>
    referenceDiagnostic(file.parsed, record, path, ref, args);
  if (ref.kind === 'var') {
    if (!ctx.environment) return at(REFERENCE_RECORDS.noEnvironment, { reference });
    const value = ctx.environment.values[ref.parts[0]];
    if (value === undefined)
      return at(REFERENCE_RECORDS.unknownValue, {
        reference,
        name: ref.parts[0],
        environment: ctx.environment.name,
        known: Object.keys(ctx.environment.values),
      });
    return value;
  }
  const kind = ref.kind as ObjectReferenceKind;
  const answer = answers.get(keyOf({ kind, parts: ref.parts })) ?? { status: 'none' as const };
  const object = REFERENCE_KINDS[kind].object;
  const lookedUp = describeKey(kind, ref.parts);
  switch (answer.status) {
    case 'found':
      return answer.object.id;
    case 'none':
      return at(REFERENCE_RECORDS.notFound, { reference, object, lookedUp, tenant: ctx.tenant });
    case 'many':
      return at(REFERENCE_RECORDS.ambiguous, {
        reference,
        object,
        lookedUp,
        tenant: ctx.tenant,
        candidates: answer.candidates.map((c) => ({ id: c.id, detail: c.detail })),
      });
    case 'unreadable':
      return at(REFERENCE_RECORDS.unreadable, { reference, object, permissions: answer.permissions, graphSaid: answer.graphSaid });
  }
}

function describeKey(kind: ObjectReferenceKind, parts: readonly string[]): string {
  const names = REFERENCE_KINDS[kind].parts;
  return parts.map((p, i) => `${names[i]} "${p}"`).join(' and ');
}

function replaceAt(v: unknown, path: JsonPath, replacements: Map<string, string>): unknown {
  if (typeof v === 'string') return replacements.get(JSON.stringify(path)) ?? v;
  if (Array.isArray(v)) return v.map((x, i) => replaceAt(x, [...path, i], replacements));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceAt(x, [...path, k], replacements)]));
  return v;
}
