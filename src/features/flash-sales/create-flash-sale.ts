import type { AppContext } from "../../kernel/app-context.js";
import type { FlashSale } from "../../kernel/db/client.js";
import { targetRoomIds } from "../../kernel/db/rooms.js";
import { announceToRooms } from "../../kernel/outbox/announce-to-rooms.js";
import { loadGateFromDb } from "./flash-gate-record.js";
import type { FlashSaleDraft } from "./rules/create-args.js";
import { scheduleFlashSaleTimers } from "./schedule-flash-sale-timers.js";
import { flashTexts } from "./texts.js";

export type CreateFlashSaleOutcome = { kind: "created"; sale: FlashSale } | { kind: "noRooms" };

/**
 * Creates a sale, puts its gate in Redis, schedules its announcements and posts the preview.
 *
 * @example await createFlashSale(app, { draft, createdById: 1, roomId: 3 }) // { kind: "created", sale }
 */
export async function createFlashSale(
  app: AppContext,
  input: { draft: FlashSaleDraft; createdById: number; roomId?: number },
): Promise<CreateFlashSaleOutcome> {
  const roomIds = await targetRoomIds(app, { allRooms: input.draft.allRooms, roomId: input.roomId });
  if (roomIds.length === 0) return { kind: "noRooms" };
  const { draft } = input;
  const sale = await app.db.flashSale.create({
    data: {
      product: draft.product,
      priceCents: draft.priceCents,
      originalPriceCents: draft.originalPriceCents ?? null,
      stock: draft.stock,
      perMemberLimit: draft.perMemberLimit,
      roomIds,
      startsAt: draft.startsAt,
      endsAt: draft.endsAt,
      createdById: input.createdById,
    },
  });
  await loadGateFromDb(app, sale);
  await announceToRooms(app, roomIds, {
    text: flashTexts.preview(sale, app.config.timeZone),
    dedupe: `flash:${sale.id}:preview`,
    campaign: `flash:${sale.id}`,
    validUntil: sale.endsAt,
  });
  // After the preview: a `现在` sale's 开抢 step runs at once and must not overtake it.
  await scheduleFlashSaleTimers(app, sale);
  return { kind: "created", sale };
}
