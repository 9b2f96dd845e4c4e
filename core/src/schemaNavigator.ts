// Answers "which schema applies at this JSON path?" over one generated policy schema. Used for
// API-version detection, and by hover and completion, which need the same answer at the cursor.
import type { JsonSchema } from './schemaTypes';
import type { JsonPath } from './parse';
import { validatedForm } from './schemaDocumentation';

const ODATA_TYPE = '@odata.type';

/** A discriminated union: its branches and each branch's `@odata.type`. */
class Union {
  constructor(
    readonly branches: JsonSchema[],
    readonly tags: unknown[],
  ) {}
}

/** Tags kept per step of `schemasAt`: a tag no union names leads where no tag does, so few matter. */
const MAX_TAGS = 32;

const NO_SCHEMAS: readonly JsonSchema[] = Object.freeze([]);

/** A concrete schema, or a union to narrow by the value's tag. */
type ShapePart = JsonSchema | Union;

export class SchemaNavigator {
  private readonly defNames = new Map<JsonSchema, string>();
  private readonly shapes = new WeakMap<JsonSchema, ShapePart[]>();
  private readonly names = new WeakMap<JsonSchema, Set<string>>();
  /** `schemasAt`'s steps: per list of schemas it reached, per segment, per tag (see `cached`). */
  private readonly steps = new WeakMap<readonly JsonSchema[], Map<string | number, Map<string | undefined, readonly JsonSchema[]>>>();
  private readonly rootSteps = new Map<undefined, Map<string | undefined, readonly JsonSchema[]>>();
  /** Names of copies of definitions, see `definitionName`. */
  private readonly copyNames = new WeakMap<JsonSchema, string | null>();

  constructor(readonly root: JsonSchema) {
    for (const [name, def] of Object.entries(root.definitions ?? {})) this.defNames.set(def, name);
  }

  /** Follows `$ref`s to the referenced definition. */
  deref(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let guard = 0; s.$ref && guard < 32; guard++) {
      const name = decodeURIComponent(s.$ref.replace(/^#\/definitions\//, ''));
      const target = this.root.definitions?.[name];
      if (!target) break;
      s = target;
    }
    return s;
  }

  /** The Graph type name of a definition (`microsoft.graph.singleUser`), if it is one. */
  definitionName(schema: JsonSchema): string | undefined {
    const s = this.deref(schema);
    return this.defNames.get(s) ?? this.copyName(s);
  }

  /**
   * The validators are compiled from copies of the schema without its documentation and with
   * null branches last (schemaCompiler.ts), so the schema objects in their errors are not ours. A
   * copy names the definition it equals in that form.
   */
  private copyName(s: JsonSchema): string | undefined {
    let name = this.copyNames.get(s);
    if (name === undefined) {
      const tag = s['x-graphType'];
      const def = typeof tag === 'string' ? this.root.definitions?.[tag] : undefined;
      name = def !== undefined && JSON.stringify(validatedForm(def)) === JSON.stringify(validatedForm(s)) ? (tag as string) : null;
      this.copyNames.set(s, name);
    }
    return name ?? undefined;
  }

  /**
   * The concrete schemas a value at this position may take, with nullable wrappers removed and
   * discriminated unions narrowed by the value's own `@odata.type` when it names a branch.
   */
  alternatives(schema: JsonSchema, value?: unknown): JsonSchema[] {
    const out: JsonSchema[] = [];
    const tag = isRecord(value) ? value[ODATA_TYPE] : undefined;
    for (const part of this.shapeOf(schema)) {
      if (!(part instanceof Union)) {
        out.push(part);
        continue;
      }
      const match = typeof tag === 'string' ? part.branches.filter((_b, i) => part.tags[i] === tag) : [];
      out.push(...(match.length > 0 ? match : part.branches));
    }
    return out;
  }

  /**
   * What `alternatives` needs of a schema regardless of the value, worked out once per schema: the
   * concrete schemas and discriminated unions (branches with their tags) it stands for, in order.
   * Every keystroke and every file walks the same few schema objects, so this is the hot path.
   */
  private shapeOf(schema: JsonSchema): ShapePart[] {
    let shape = this.shapes.get(schema);
    if (!shape) {
      const s = this.deref(schema);
      if (s.anyOf) shape = s.anyOf.filter((b) => !isNullOnly(b)).flatMap((b) => this.shapeOf(b));
      else if (s.oneOf) {
        const branches = s.oneOf.map((b) => this.deref(b));
        shape = [
          new Union(
            branches,
            branches.map((b) => tagOf(this.deref(b))),
          ),
        ];
      } else shape = [s];
      this.shapes.set(schema, shape);
    }
    return shape;
  }

  /**
   * The schemas that apply at `path` within `document` (the value walked alongside). The answer is
   * shared (each step is worked out once per process, see `step`): callers must not change it.
   */
  schemasAt(path: JsonPath, document: unknown): readonly JsonSchema[] {
    let current = this.cached(this.rootSteps, this.root, undefined, document);
    let value: unknown = document;
    for (const segment of path) {
      value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
      current = this.step(current, segment, value);
      if (current.length === 0) return NO_SCHEMAS;
    }
    return current;
  }

  /** One step of `schemasAt`: from the schemas of a value to those of its `segment`, which is `value`. */
  childSchemas(current: readonly JsonSchema[], segment: string | number, value: unknown): JsonSchema[] {
    const next: JsonSchema[] = [];
    for (const s of current) {
      const child = typeof segment === 'number' ? s.items : s.properties?.[segment];
      if (child) next.push(...this.alternatives(child, value));
    }
    return next;
  }

  /** `childSchemas` of a list `schemasAt` made, kept per list, segment (any index alike) and tag. */
  private step(current: readonly JsonSchema[], segment: string | number, value: unknown): readonly JsonSchema[] {
    let bySegment = this.steps.get(current);
    if (!bySegment) this.steps.set(current, (bySegment = new Map()));
    // Every index leads to `items`; a numeric key and the number itself stay apart (0 vs "0").
    const key = typeof segment === 'number' ? 0 : segment;
    return this.cached(bySegment, current, key, value);
  }

  /**
   * The schemas below `from` (the root schema, or a list with `key`) for a value, from `byKey`. They
   * depend on the value only through its `@odata.type` (a union narrows by it); a key or a tag
   * that leads nowhere is not kept, and only so many tags are, so documents cannot grow the cache.
   */
  private cached<K>(
    byKey: Map<K, Map<string | undefined, readonly JsonSchema[]>>,
    from: JsonSchema | readonly JsonSchema[],
    key: K,
    value: unknown,
  ): readonly JsonSchema[] {
    const tagged = isRecord(value) ? value[ODATA_TYPE] : undefined;
    const tag = typeof tagged === 'string' ? tagged : undefined;
    let byTag = byKey.get(key);
    let found = byTag?.get(tag);
    if (found) return found;
    const stand = tag === undefined ? undefined : { [ODATA_TYPE]: tag };
    found = Array.isArray(from) ? this.childSchemas(from, key as string | number, stand) : this.alternatives(from as JsonSchema, stand);
    if (found.length === 0) return NO_SCHEMAS;
    if (!byTag) byKey.set(key, (byTag = new Map()));
    if (byTag.size < MAX_TAGS) byTag.set(tag, found);
    return found;
  }

  /** Property names allowed on the object at `path`. */
  propertiesAt(path: JsonPath, document: unknown): ReadonlySet<string> {
    return this.propertyNames(this.schemasAt(path, document));
  }

  /** Property names any of these schemas allows. */
  propertyNames(schemas: readonly JsonSchema[]): ReadonlySet<string> {
    // Mostly one schema, asked for again and again while walking documents: kept per schema.
    if (schemas.length === 1) {
      let names = this.names.get(schemas[0]);
      if (!names) this.names.set(schemas[0], (names = new Set(Object.keys(schemas[0].properties ?? {}))));
      return names;
    }
    const names = new Set<string>();
    for (const s of schemas) for (const k of Object.keys(s.properties ?? {})) names.add(k);
    return names;
  }

  /** Every `@odata.type` value a discriminated union accepts, in schema order. */
  discriminatorValues(schema: JsonSchema): string[] {
    const s = this.deref(schema);
    return (s.oneOf ?? []).map((b) => tagOf(this.deref(b))).filter((t): t is string => typeof t === 'string');
  }
}

export function tagOf(schema: JsonSchema): unknown {
  return schema.properties?.[ODATA_TYPE]?.const;
}

function isNullOnly(s: JsonSchema): boolean {
  return s.type === 'null';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
