import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import type { AppContext } from "../../kernel/app-context.js";
import { recordOrder } from "./record-order.js";
import { describeIssue, parseLinesColumn, ZShopOrder } from "./rules/order-input.js";

export interface ImportSummary {
  rows: number;
  imported: number;
  skipped: number;
  /** Why rows were skipped: "duplicate", "amountCents: must be …", "line 7: …" (a malformed row), with counts. */
  reasons: Record<string, number>;
}

export const MISSING_PLACED_AT = "placedAt: is required in an import (when the order was placed; RFM counts from it)";

/**
 * Streams a CSV of historical orders (header: order_id, customer_id, amount_cents, status, placed_at,
 * paid_at, categories as a|b|c, coupon_code, and optionally lines as id:name:category:kind:quantity:price_cents;…)
 * into orders, with the API's idempotency: a row whose
 * order id is already stored is skipped as a duplicate. A malformed row (wrong number of columns, bad
 * quoting) is skipped with its line number, and a new order without placed_at is skipped too: "now"
 * would make years-old history look recent to RFM. Each line is parsed on its own, so a stray quote
 * costs its own row, not the rest of the file (an order export has no multi-line fields).
 */
export async function importOrders(
  app: AppContext,
  input: Readable,
  options: { at: Date; onRow?: (summary: ImportSummary) => void },
): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, imported: 0, skipped: 0, reasons: {} };
  const skip = (reason: string) => {
    summary.skipped++;
    summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
  };
  let header: string[] | undefined;
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    let fields: string[];
    try {
      fields = (parse(line === 1 ? text.replace(/^\uFEFF/, "") : text, { trim: true, relax_column_count: true }) as string[][])[0] ?? [];
    } catch (error) {
      if (!header) throw new Error(`line ${line}: the header cannot be read (${(error as Error).message})`);
      summary.rows++;
      skip(`line ${line}: ${(error as Error).message.replace(/ (at|on) line \d+.*$/, "")}`);
      options.onRow?.(summary);
      continue;
    }
    if (!header) {
      header = fields.map((h) => h.toLowerCase());
      continue;
    }
    summary.rows++;
    if (fields.length !== header.length) {
      skip(`line ${line}: ${fields.length} columns, the header has ${header.length}`);
      options.onRow?.(summary);
      continue;
    }
    const record: Record<string, string | undefined> = Object.fromEntries(header.map((name, i) => [name, fields[i]]));
    const candidate = {
      orderId: record.order_id || undefined,
      customerId: record.customer_id || undefined,
      amountCents: record.amount_cents && /^-?\d+(\.\d+)?$/.test(record.amount_cents) ? Number(record.amount_cents) : record.amount_cents,
      status: record.status || undefined,
      placedAt: record.placed_at || undefined,
      paidAt: record.paid_at || undefined,
      categories: record.categories
        ? record.categories
            .split("|")
            .map((c) => c.trim())
            .filter(Boolean)
        : undefined,
      couponCode: record.coupon_code || undefined,
      lines: undefined as unknown[] | undefined,
    };
    const lines = record.lines ? parseLinesColumn(record.lines) : undefined;
    if (lines && "lines" in lines) candidate.lines = lines.lines;
    const parsed = ZShopOrder.safeParse(candidate);
    if (lines && "problem" in lines) {
      skip(lines.problem);
    } else if (!parsed.success) {
      skip(describeIssue(parsed.error).message);
    } else if (
      !parsed.data.placedAt &&
      !(await app.db.order.findUnique({ where: { externalId: parsed.data.orderId }, select: { id: true } }))
    ) {
      skip(MISSING_PLACED_AT);
    } else {
      const outcome = await recordOrder(app, { ...parsed.data, source: "import" }, options.at);
      if (outcome.kind === "created") summary.imported++;
      else if (outcome.kind === "conflict") skip(`conflict: ${outcome.fields.join(", ")} differ from the stored order`);
      else skip("duplicate");
    }
    options.onRow?.(summary);
  }
  return summary;
}
