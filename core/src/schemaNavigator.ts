// Answers "which schema applies at this JSON path?" over one generated policy schema. Used for
// API-version detection, and by hover and completion, which need the same answer at the cursor.
import type { JsonSchema } from './schemaTypes';
import type { JsonPath } from './parse';

const ODATA_TYPE = '@odata.type';

export class SchemaNavigator {
  private readonly defNames = new Map<JsonSchema, string>();
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
   * Validators generated at build time (ajv standalone code) carry their own copies of the schema,
   * so the schema objects in their errors are not ours. A copy names the definition it equals.
   */
  private copyName(s: JsonSchema): string | undefined {
    let name = this.copyNames.get(s);
    if (name === undefined) {
      const tag = s['x-graphType'];
      const def = typeof tag === 'string' ? this.root.definitions?.[tag] : undefined;
      name = def !== undefined && JSON.stringify(def) === JSON.stringify(s) ? (tag as string) : null;
      this.copyNames.set(s, name);
    }
    return name ?? undefined;
  }

  /**
   * The concrete schemas a value at this position may take, with nullable wrappers removed and
   * discriminated unions narrowed by the value's own `@odata.type` when it names a branch.
   */
  alternatives(schema: JsonSchema, value?: unknown): JsonSchema[] {
    const s = this.deref(schema);
    if (s.anyOf) return s.anyOf.filter((b) => !isNullOnly(b)).flatMap((b) => this.alternatives(b, value));
    if (s.oneOf) {
      const branches = s.oneOf.map((b) => this.deref(b));
      const tag = isRecord(value) ? value[ODATA_TYPE] : undefined;
      const match = typeof tag === 'string' ? branches.filter((b) => tagOf(this.deref(b)) === tag) : [];
      return match.length > 0 ? match : branches;
    }
    return [s];
  }

  /** The schemas that apply at `path` within `document` (the value walked alongside). */
  schemasAt(path: JsonPath, document: unknown): JsonSchema[] {
    let current: JsonSchema[] = this.alternatives(this.root, document);
    let value: unknown = document;
    for (const segment of path) {
      value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
      const next: JsonSchema[] = [];
      for (const s of current) {
        const child = typeof segment === 'number' ? s.items : s.properties?.[segment];
        if (child) next.push(...this.alternatives(child, value));
      }
      if (next.length === 0) return [];
      current = next;
    }
    return current;
  }

  /** Property names allowed on the object at `path`. */
  propertiesAt(path: JsonPath, document: unknown): Set<string> {
    const names = new Set<string>();
    for (const s of this.schemasAt(path, document)) for (const k of Object.keys(s.properties ?? {})) names.add(k);
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
