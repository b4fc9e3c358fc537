import type { AppContext } from "../../kernel/app-context.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { creditEngagementPoints } from "../loyalty/index.js";

export type ReserveLiveStreamOutcome = { kind: "reserved"; title: string } | NotFound;

/** 预约 <直播编号>: the member is reminded privately before the live starts and earns POINTS_PER_LIVE_RESERVATION (once, however often they ask). */
export async function reserveLiveStream(app: AppContext, input: { itemId: number; memberId: number }): Promise<ReserveLiveStreamOutcome> {
  const item = await app.db.calendarItem.findUnique({ where: { id: input.itemId } });
  if (!item?.active || item.kind !== "live") return notFound;
  await app.db.liveReservation.upsert({
    where: { itemId_memberId: { itemId: item.id, memberId: input.memberId } },
    create: { itemId: item.id, memberId: input.memberId },
    update: {},
  });
  await creditEngagementPoints(app, {
    memberId: input.memberId,
    source: { kind: "live_reservation", itemId: item.id },
    at: app.clock.now(),
  });
  return { kind: "reserved", title: item.title };
}
