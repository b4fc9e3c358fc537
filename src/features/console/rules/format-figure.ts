// How a metric's value is shown, in chat and on the page alike (the same-figures test compares them).
import { formatPrice } from "../../../kernel/text/money.js";

export type MetricFormat = "money" | "count" | "ratio";

/**
 * @example formatFigure("money", 1234550) // "¥12,345.50"
 * @example formatFigure("ratio", 0.0312) // "3.1%"
 */
export function formatFigure(format: MetricFormat, value: number): string {
  if (format === "money") return formatPrice(Math.round(value));
  if (format === "ratio") return `${(value * 100).toFixed(1)}%`;
  return String(Math.round(value)).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** The change against a comparison figure, e.g. "+12.5%", "—" when there is nothing to compare to. */
export function formatChange(now: number, before: number | undefined): string {
  if (before === undefined || before === 0) return "—";
  const change = (now - before) / before;
  return `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)}%`;
}
