import type { Db } from "../../kernel/db/client.js";

/**
 * Paused or cancelled: a push's deliveries still queued are marked skipped (reason paused/cancelled).
 * The outbox sends only queued rows, so nothing more goes out; resuming puts paused rows back.
 */
export async function holdQueuedDeliveries(db: Db, pushId: number, reason: "paused" | "cancelled"): Promise<number> {
  const held = await db.delivery.updateMany({ where: { campaign: `push:${pushId}`, status: "queued" }, data: { status: "skipped", reason } });
  return held.count;
}
