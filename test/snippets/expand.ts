// A small expander for VS Code snippet syntax, enough to turn a snippet body into the text the
// editor inserts when the user accepts every default: `$1`, `${1}`, `${1:default}` (nested),
// `${1|a,b|}` (first choice), `$0`, variables (`$NAME`, `${NAME}`, `${NAME:default}`) and the
// escapes `\$`, `\}`, `\\` (and `\,` `\|` inside choices).

export interface ExpandOptions {
  /** Overrides the text inserted for a tab stop (`index`), given what its default would be. */
  tabStop?: (index: number, defaultText: string) => string | undefined;
  /** Values of snippet variables; unknown variables insert their default, else their name. */
  variables?: Record<string, string>;
}

export function defaultVariables(now = new Date()): Record<string, string> {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_YEAR_SHORT: String(now.getFullYear()).slice(-2),
    CURRENT_MONTH: pad(now.getMonth() + 1),
    CURRENT_DATE: pad(now.getDate()),
    CURRENT_HOUR: pad(now.getHours()),
    CURRENT_MINUTE: pad(now.getMinutes()),
    CURRENT_SECOND: pad(now.getSeconds()),
    TM_FILENAME: 'policy.accesspolicy.json',
  };
}

export function expandSnippet(body: string | string[], options: ExpandOptions = {}): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const parser = new Parser(text, options);
  const out = parser.sequence(false);
  if (parser.pos !== text.length) throw new Error(`unexpected "${text[parser.pos]}" at ${parser.pos} in snippet`);
  return out;
}

class Parser {
  pos = 0;
  /** A tab stop used twice (a mirror) takes the value of its first occurrence. */
  private readonly tabStops = new Map<number, string>();
  private readonly variables: Record<string, string>;

  constructor(
    private readonly s: string,
    private readonly options: ExpandOptions,
  ) {
    this.variables = options.variables ?? defaultVariables();
  }

  /** Text up to the end, or up to an unescaped `}` when inside a placeholder. */
  sequence(inPlaceholder: boolean): string {
    let out = '';
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === '\\') {
        const next = this.s[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          out += next;
          this.pos += 2;
        } else {
          out += c;
          this.pos++;
        }
      } else if (c === '}' && inPlaceholder) {
        return out;
      } else if (c === '$') {
        out += this.dollar();
      } else {
        out += c;
        this.pos++;
      }
    }
    if (inPlaceholder) throw new Error('unclosed ${ in snippet');
    return out;
  }

  private dollar(): string {
    const start = this.pos;
    this.pos++; // '$'
    const simple = /^(\d+|[A-Za-z_][A-Za-z_0-9]*)/.exec(this.s.slice(this.pos));
    if (simple) {
      this.pos += simple[1].length;
      return this.resolve(simple[1], '');
    }
    if (this.s[this.pos] !== '{') return '$'; // a lone dollar is text
    this.pos++;
    const name = /^(\d+|[A-Za-z_][A-Za-z_0-9]*)/.exec(this.s.slice(this.pos));
    if (!name) throw new Error(`bad snippet syntax at ${start}`);
    this.pos += name[1].length;
    const next = this.s[this.pos];
    if (next === '}') {
      this.pos++;
      return this.resolve(name[1], '');
    }
    if (next === ':') {
      this.pos++;
      const inner = this.sequence(true);
      this.pos++; // '}'
      return this.resolve(name[1], inner);
    }
    if (next === '|' && /^\d+$/.test(name[1])) {
      this.pos++;
      const choices = this.choices();
      return this.resolve(name[1], choices[0] ?? '');
    }
    throw new Error(`unsupported snippet syntax at ${start}: ${this.s.slice(start, start + 20)}`);
  }

  private choices(): string[] {
    const out: string[] = [];
    let current = '';
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === '\\' && ',|\\$}'.includes(this.s[this.pos + 1] ?? '')) {
        current += this.s[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        out.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.s[this.pos + 1] === '}') {
        out.push(current);
        this.pos += 2;
        return out;
      } else {
        current += c;
        this.pos++;
      }
    }
    throw new Error('unclosed choice in snippet');
  }

  private resolve(name: string, defaultText: string): string {
    if (/^\d+$/.test(name)) {
      const index = Number(name);
      const seen = this.tabStops.get(index);
      if (seen !== undefined) return seen;
      const value = this.options.tabStop?.(index, defaultText) ?? defaultText;
      this.tabStops.set(index, value);
      return value;
    }
    return this.variables[name] ?? (defaultText || name);
  }
}
