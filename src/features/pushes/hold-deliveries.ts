import type { AppContext } from "../../kernel/app-context.js";

/**
 * Paused or cancelled: a push's deliveries still queued are marked skipped (reason paused/cancelled).
 * The outbox sends only queued rows, so nothing more goes out; resuming puts paused rows back.
 */
export async function holdQueuedDeliveries(app: AppContext, pushId: number, reason: "paused" | "cancelled"): Promise<number> {
  const held = await app.db.delivery.updateMany({
    where: { campaign: `push:${pushId}`, status: "queued" },
    data: { status: "skipped", reason, deferralKind: null, deferredUntil: null },
  });
  return held.count;
}
