/**
 * Rendering values as JSON text in the file's style. Strings, numbers and keys go through
 * `JSON.stringify`, so escaping is always JSON's own.
 */

export interface FormatOptions {
  /** One indentation level, e.g. `"  "`, `"    "` or `"\t"`. */
  readonly indent: string;
  /** Line break between lines: `"\n"`, `"\r\n"` or `"\r"`. */
  readonly eol: string;
  /** Indentation of the line the value starts on; continuation lines are prefixed with it. */
  readonly baseIndent: string;
}

const DEFAULT_FORMAT: FormatOptions = { indent: "  ", eol: "\n", baseIndent: "" };

type Layout = { readonly expanded: false } | ({ readonly expanded: true } & FormatOptions);

/**
 * Pretty-prints `value` like `JSON.stringify(value, null, indent)`, but with the given line
 * ending and every line after the first prefixed with `baseIndent`, so the text can be inserted
 * where a value starts. Empty arrays and objects stay `[]` and `{}`. Values JSON cannot carry
 * follow `JSON.stringify` (`undefined` properties are dropped, `NaN` becomes `null`); a bigint
 * is written as its digits, a cycle as `null`; this never throws.
 */
export function formatValue(value: unknown, options: Partial<FormatOptions> = {}): string {
  return render(value, { expanded: true, ...DEFAULT_FORMAT, ...options });
}

/**
 * Renders `value` on one line with a space after each comma and colon: `["a", "b"]`,
 * `{ "Name": "x" }`. Same value handling as {@link formatValue}.
 */
export function formatInlineValue(value: unknown): string {
  // Priorities and list items, written by many edits of every suggestion: no traversal needed.
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && Number.isFinite(value)) return JSON.stringify(value);
  return render(value, INLINE);
}

const INLINE: Layout = { expanded: false };

function render(value: unknown, layout: Layout): string {
  try {
    return print(value, 0, layout, new Set()) ?? "null";
  } catch {
    // A throwing toJSON or getter: bad input must never throw out of a fixer.
    return "null";
  }
}

function print(value: unknown, level: number, layout: Layout, ancestors: Set<object>): string | undefined {
  const json = hasToJSON(value) ? value.toJSON() : value;
  switch (typeof json) {
    case "string":
      return JSON.stringify(json);
    case "number":
      return Number.isFinite(json) ? JSON.stringify(json) : "null";
    case "boolean":
      return json ? "true" : "false";
    case "bigint":
      return json.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (json === null || typeof json !== "object") return "null";
  if (ancestors.has(json)) return "null";
  ancestors.add(json);
  try {
    if (Array.isArray(json)) {
      const items = json.map((item: unknown) => print(item, level + 1, layout, ancestors) ?? "null");
      return wrap("[", items, "]", level, layout);
    }
    const entries: string[] = [];
    for (const [key, member] of Object.entries(json)) {
      const text = print(member, level + 1, layout, ancestors);
      if (text !== undefined) entries.push(`${JSON.stringify(key)}: ${text}`);
    }
    return wrap("{", entries, "}", level, layout);
  } finally {
    ancestors.delete(json);
  }
}

function wrap(open: string, parts: string[], close: string, level: number, layout: Layout): string {
  if (parts.length === 0) return open + close;
  if (!layout.expanded) {
    return open === "{" ? `{ ${parts.join(", ")} }` : `[${parts.join(", ")}]`;
  }
  const outer = layout.baseIndent + layout.indent.repeat(level);
  const inner = outer + layout.indent;
  return `${open}${layout.eol}${inner}${parts.join(`,${layout.eol}${inner}`)}${layout.eol}${outer}${close}`;
}

function hasToJSON(value: unknown): value is { toJSON(): unknown } {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  );
}
