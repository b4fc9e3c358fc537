// Marketing announcements to a set of rooms (a sale's preview, its result): one delivery per room, each
// with a dedupe key derived from the announcement's, so a retried step sends nothing twice.
import type { AppContext } from "../app-context.js";

const roomKey = (dedupe: string, roomId: number) => `${dedupe}:room:${roomId}`;

/**
 * One marketing announcement per room; the dedupe key makes a retried step send nothing twice.
 * `validUntil`: when it goes stale (a sale's end, mostly): the outbox drops it rather than send it late.
 *
 * @example await announceToRooms(app, [3, 7], { text, dedupe: "flash:12:preview", campaign: "flash:12", validUntil: sale.endsAt })
 */
export async function announceToRooms(
  app: AppContext,
  roomIds: readonly number[],
  message: { text: string; dedupe: string; campaign: string; validUntil: Date },
): Promise<void> {
  if (roomIds.length === 0) return;
  const { text, dedupe, campaign, validUntil } = message;
  await app.outbox.sendMany(
    roomIds.map((roomId) => ({
      kind: "announcement" as const,
      to: { roomId },
      text,
      dedupeKey: roomKey(dedupe, roomId),
      campaign,
      validUntil,
    })),
  );
}

/** Whether an announcement under `dedupe` was queued (one insert queues it to all its rooms, or none); no rooms, nothing to queue. */
export async function wasAnnounced(app: AppContext, dedupe: string, roomIds: readonly number[]): Promise<boolean> {
  // Exact keys, so the unique index answers (a prefix match would scan every delivery).
  return (
    roomIds.length === 0 ||
    (await app.db.delivery.count({ where: { dedupeKey: { in: roomIds.map((roomId) => roomKey(dedupe, roomId)) } } })) > 0
  );
}
