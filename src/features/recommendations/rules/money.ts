// Money as people read it: integer cents in, yuan out. Pure.

/** @example formatYuan(39900) === "¥399"; formatYuan(4950) === "¥49.50" */
export function formatYuan(cents: number): string {
  const yuan = cents / 100;
  return `¥${Number.isInteger(yuan) ? yuan : yuan.toFixed(2)}`;
}

/** "399", "399.5", "¥399" → cents; undefined when it is not an amount. */
export function parseYuan(text: string): number | undefined {
  const match = /^[¥￥]?(\d{1,7})(?:\.(\d{1,2}))?元?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
