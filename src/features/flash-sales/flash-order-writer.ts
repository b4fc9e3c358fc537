// Makes won grabs durable: the order row (idempotent on (sale, member, n)), one expiry job, the member's
// private message (dedupe key per order), then the win leaves the gate's pending log. Used by grabs and by
// reconciliation alike. Group commit: wins decided within a few milliseconds are written together (one order
// insert, one outbox insert, one pending-log cleanup), so a burst of winners costs a handful of database
// round trips instead of several each. Every caller still waits until its own order is durable.
// A failed batch rejects its callers; their wins stay in the gate's pending log for reconciliation.
import type { AppContext } from "../../kernel/app-context.js";
import { scopedKey } from "../../kernel/context-scope.js";
import type { FlashSale } from "../../kernel/db/client.js";
import { FLASH_GATE } from "./flash-gate.js";
import { insertFlashOrders } from "./flash-orders.js";
import { flashOrderExpiryJob } from "./jobs.js";
import { flashTexts, payLink } from "./texts.js";

export interface Win {
  saleId: number;
  memberId: number;
  seq: number;
  orderNo: string;
  decidedAt: Date;
}

interface Waiting {
  win: Win;
  resolve(value: { orderId: number; orderNo: string }): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 500;
const LINGER_MS = 2;

export class FlashOrderWriter {
  private queue: Waiting[] = [];
  private flushing = false;
  private timer: NodeJS.Timeout | undefined;
  // Product, price and rooms never change after creation: one read per sale per process.
  private readonly sales = new Map<number, FlashSale>();

  constructor(private readonly app: AppContext) {}

  /** Resolves when the win's order row exists, its expiry is scheduled and the member's message queued. */
  record(win: Win): Promise<{ orderId: number; orderNo: string }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ win, resolve, reject });
      if (!this.timer && !this.flushing) this.timer = setTimeout(() => void this.flush(), LINGER_MS);
    });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const written = await this.write(batch.map((w) => w.win));
          batch.forEach((w, i) => {
            w.resolve(written[i]!);
          });
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async sale(id: number): Promise<FlashSale> {
    let sale = this.sales.get(id);
    if (!sale) {
      sale = await this.app.db.flashSale.findUniqueOrThrow({ where: { id } });
      this.sales.set(id, sale);
    }
    return sale;
  }

  private async write(wins: Win[]): Promise<Array<{ orderId: number; orderNo: string }>> {
    const { app } = this;
    const payMs = app.config.sales.orderPayMs;
    const sales = new Map<number, FlashSale>();
    for (const id of new Set(wins.map((w) => w.saleId))) sales.set(id, await this.sale(id));
    const orders = await insertFlashOrders(
      app.db,
      wins.map((w) => ({
        orderNo: w.orderNo,
        memberId: w.memberId,
        saleId: w.saleId,
        seq: w.seq,
        amountCents: sales.get(w.saleId)!.priceCents,
        placedAt: w.decidedAt,
        expiresAt: new Date(w.decidedAt.getTime() + payMs),
      })),
    );
    // One expiry job for the batch (they were placed within milliseconds): fewer, cheaper timers.
    const now = app.clock.now().getTime();
    const due = Math.min(...orders.map((o) => o.expiresAt.getTime()));
    await app.jobs.add(
      flashOrderExpiryJob,
      { orderIds: orders.map((o) => o.id) },
      { jobId: `order-expiry-${orders[0]!.id}-${orders.length}`, delayMs: due - now },
    );
    await app.outbox.sendMany(
      orders.map((o, i) => {
        const sale = sales.get(wins[i]!.saleId)!;
        return {
          kind: "notice" as const,
          to: { memberId: wins[i]!.memberId },
          text: flashTexts.won(sale, o.orderNo, payLink(app.config.sales.payUrlTemplate, o.orderNo, o.amountCents), payMs),
          dedupeKey: `flash:order:${o.id}`,
          campaign: `flash:${sale.id}`,
        };
      }),
    );
    await app.scoped(FLASH_GATE).clearPendingMany(wins);
    return orders.map((o) => ({ orderId: o.id, orderNo: o.orderNo }));
  }
}

/** This context's writer (one per database connection: it groups the wins decided within a few ms). */
export const FLASH_ORDER_WRITER = scopedKey("flash-order-writer", (app: AppContext) => new FlashOrderWriter(app));
