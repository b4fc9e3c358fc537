import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { Db } from "../../infra/db/client.js";
import { describeIssue, ZShopOrder } from "../../domain/orders/order-input.js";
import { recordOrder } from "./record-order.js";

export interface ImportSummary {
  rows: number;
  imported: number;
  skipped: number;
  /** Why rows were skipped: "duplicate", "amountCents: must be …", … with counts. */
  reasons: Record<string, number>;
}

/**
 * Streams a CSV of historical orders (header: order_id, customer_id, amount_cents, status, placed_at,
 * paid_at, categories as a|b|c, coupon_code) into orders, with the API's idempotency: a row whose
 * order id is already stored is skipped as a duplicate.
 */
export async function importOrders(db: Db, input: Readable, options: { at: Date; onRow?: (summary: ImportSummary) => void }): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, imported: 0, skipped: 0, reasons: {} };
  const skip = (reason: string) => {
    summary.skipped++;
    summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
  };
  const parser = input.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    summary.rows++;
    const candidate = {
      orderId: record.order_id || undefined,
      customerId: record.customer_id || undefined,
      amountCents: record.amount_cents && /^-?\d+(\.\d+)?$/.test(record.amount_cents) ? Number(record.amount_cents) : record.amount_cents,
      status: record.status || undefined,
      placedAt: record.placed_at || undefined,
      paidAt: record.paid_at || undefined,
      categories: record.categories ? record.categories.split("|").map((c) => c.trim()).filter(Boolean) : [],
      couponCode: record.coupon_code || undefined,
    };
    const parsed = ZShopOrder.safeParse(candidate);
    if (!parsed.success) {
      skip(describeIssue(parsed.error).message);
    } else {
      const outcome = await recordOrder(db, { ...parsed.data, source: "import" }, options.at);
      if (outcome.kind === "created") summary.imported++;
      else skip("duplicate");
    }
    options.onRow?.(summary);
  }
  return summary;
}
