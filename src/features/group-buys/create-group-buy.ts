import type { AppContext } from "../../kernel/app-context.js";
import type { GroupBuy } from "../../kernel/db/client.js";
import { targetRoomIds } from "../../kernel/db/rooms.js";
import { announceToRooms } from "../../kernel/outbox/announce-to-rooms.js";
import { groupBuyDeadlineJob, groupBuyDeadlineJobId } from "./jobs.js";
import type { GroupBuyDraft } from "./rules/create-args.js";
import { groupBuyTexts } from "./texts.js";

export type CreateGroupBuyOutcome = { kind: "created"; groupBuy: GroupBuy } | { kind: "noRooms" };

/**
 * Creates a group-buy, schedules its deadline (a delayed job that survives restarts) and announces it.
 *
 * @example await createGroupBuy(app, { draft, createdById: 1, roomId: 3 }) // { kind: "created", groupBuy }
 */
export async function createGroupBuy(
  app: AppContext,
  input: { draft: GroupBuyDraft; createdById: number; roomId?: number },
): Promise<CreateGroupBuyOutcome> {
  const roomIds = await targetRoomIds(app, { allRooms: input.draft.allRooms, roomId: input.roomId });
  if (roomIds.length === 0) return { kind: "noRooms" };
  const { draft } = input;
  const groupBuy = await app.db.groupBuy.create({
    data: {
      product: draft.product,
      priceCents: draft.priceCents,
      teamSize: draft.teamSize,
      perMemberLimit: draft.perMemberLimit,
      roomIds,
      deadline: draft.deadline,
      createdById: input.createdById,
    },
  });
  await app.jobs.add(
    groupBuyDeadlineJob,
    { groupBuyId: groupBuy.id, at: groupBuy.deadline.getTime() },
    { jobId: groupBuyDeadlineJobId(groupBuy.id, groupBuy.deadline), delayMs: groupBuy.deadline.getTime() - app.clock.now().getTime() },
  );
  await announceToRooms(app, roomIds, {
    text: groupBuyTexts.preview(groupBuy, app.config.timeZone),
    dedupe: `groupbuy:${groupBuy.id}:preview`,
    campaign: `groupbuy:${groupBuy.id}`,
    validUntil: groupBuy.deadline,
  });
  return { kind: "created", groupBuy };
}
