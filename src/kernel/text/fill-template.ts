/**
 * Fills {placeholders} in an operator's text. Unknown placeholders stay as typed, so a typo shows
 * in the preview instead of vanishing.
 *
 * @example fillTemplate("欢迎 {昵称}！", { 昵称: "Alice" }) // "欢迎 Alice！"
 */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The placeholders a text uses, e.g. to check an operator's push before anything is sent. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}
