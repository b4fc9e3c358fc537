import type { AppContext } from "../../kernel/app-context.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { calendarRooms } from "./calendar-rooms.js";
import { openPoll } from "./polls.js";
import { calendarTexts } from "./texts.js";

export const calendarCampaign = (itemId: number) => `calendar:${itemId}`;

/** A live's 开始 post is news for its first half hour; after that it is only noise. */
const LIVE_START_VALID_MS = 30 * 60_000;

/**
 * Publishes one slot of a calendar item to its rooms, as marketing kind "content" (the account's
 * governor applies, not members' caps). Idempotent per slot: dedupe key cal:<item>:<slot>:r:<room>.
 * Posts that go stale carry a validity, so quiet hours never deliver them in the morning: a live's
 * start (LIVE_START_VALID_MS), a poll (its voting time).
 */
export async function publishCalendarItem(app: AppContext, itemId: number, slot: string) {
  const item = await app.db.calendarItem.findUnique({ where: { id: itemId } });
  if (!item?.active) return { published: 0 };
  const rooms = await calendarRooms(app, item);
  const text = calendarTexts.post(item);
  const now = app.clock.now().getTime();
  const isPoll = item.kind === "interaction" && item.options.length > 0;
  const validUntil =
    item.kind === "live" ? new Date(now + LIVE_START_VALID_MS) : isPoll ? new Date(now + item.pollMinutes * 60_000) : undefined;
  const queued = await app.outbox.sendMany(
    rooms.map((room) => ({
      kind: "content",
      to: { roomId: room.id },
      text,
      dedupeKey: `cal:${itemId}:${slot}:r:${room.id}`,
      campaign: calendarCampaign(itemId),
      validUntil,
    })),
  );
  // Also on a retry (posts queued before): registering a poll again is harmless, missing it is not.
  if (isPoll)
    await openPoll(
      app,
      item,
      slot,
      rooms.map((room, i) => ({ roomId: room.id, deliveryId: queued[i]!.deliveryId })),
      validUntil!,
    );
  return { published: queued.filter((q) => q.created).length };
}

/** A live stream starts soon: the rooms are told, and members who 预约'd get a private reminder. */
export async function sendLiveReminder(app: AppContext, itemId: number, minutesBefore: number) {
  const item = await app.db.calendarItem.findUnique({ where: { id: itemId }, include: { reservations: true } });
  if (!item?.active || item.kind !== "live") return { reminded: 0 };
  const rooms = await calendarRooms(app, item);
  const soon = calendarTexts.soon(minutesBefore);
  const start = item.publishAt ? formatLocal(item.publishAt, app.config.timeZone, "HH:mm") : "";
  const text = calendarTexts.liveSoonInRoom(item, soon, start);
  // A reminder is worthless once the live has started.
  const validUntil = item.publishAt ?? undefined;
  await app.outbox.sendMany([
    ...rooms.map((room) => ({
      kind: "content" as const,
      to: { roomId: room.id },
      text,
      dedupeKey: `cal:${itemId}:remind:${minutesBefore}:r:${room.id}`,
      campaign: calendarCampaign(itemId),
      validUntil,
    })),
    ...item.reservations.map((r) => ({
      kind: "reminder" as const,
      to: { memberId: r.memberId },
      text: calendarTexts.liveSoonPrivately(item, soon, start),
      dedupeKey: `cal:${itemId}:remind:${minutesBefore}:m:${r.memberId}`,
      campaign: calendarCampaign(itemId),
      validUntil,
    })),
  ]);
  return { reminded: rooms.length + item.reservations.length };
}
