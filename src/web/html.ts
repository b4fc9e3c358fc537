// Server-rendered HTML for the console: every value is escaped here, once; pages build strings with
// `html` and mark trusted fragments with `raw`. No template engine: the pages are small and typed.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export class Raw {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export const raw = (value: string) => new Raw(value);

export function escapeHtml(value: unknown): string {
  if (value instanceof Raw) return value.value;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(escapeHtml).join("");
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A template tag: interpolations are escaped unless they are `raw` (or arrays of fragments). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += escapeHtml(value) + strings[i + 1]!;
  });
  return raw(out);
}

/** JSON for a <script type="application/json"> block: "<" escaped so nothing closes the script. */
export const jsonForScript = (value: unknown) => raw(JSON.stringify(value).replace(/</g, "\\u003c"));
