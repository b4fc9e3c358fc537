import type { AppContext } from "../../kernel/app-context.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";

export type ReserveLiveStreamOutcome = { kind: "reserved"; title: string } | NotFound;

/** 预约 <直播编号>: the member is reminded privately before the live starts (once, however often they ask). */
export async function reserveLiveStream(app: AppContext, input: { itemId: number; memberId: number }): Promise<ReserveLiveStreamOutcome> {
  const item = await app.db.calendarItem.findUnique({ where: { id: input.itemId } });
  if (!item?.active || item.kind !== "live") return notFound;
  await app.db.liveReservation.upsert({
    where: { itemId_memberId: { itemId: item.id, memberId: input.memberId } },
    create: { itemId: item.id, memberId: input.memberId },
    update: {},
  });
  return { kind: "reserved", title: item.title };
}
