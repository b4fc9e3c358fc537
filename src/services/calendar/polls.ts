import { calendarPollCloseJob } from "../../domain/jobs/calendar.js";
import type { AppContext } from "../../infra/app-context.js";
import { renderPollResult } from "../../domain/calendar/calendar-item.js";
import { TAG_CATEGORIES } from "../../domain/members/tag-categories.js";
import { calendarRooms } from "./calendar-rooms.js";

/** The interaction tag voters get (feeds segments: 标签:参与投票). */
export const VOTER_TAG = "参与投票";

const pollKey = (app: AppContext, roomId: number) => app.key("poll", roomId);

/** A poll was posted: the rooms take numbered answers until it closes. */
export async function openPoll(app: AppContext, item: { id: number; pollMinutes: number }, slot: string, roomIds: number[]) {
  const ms = item.pollMinutes * 60_000;
  for (const roomId of roomIds) await app.redis.set(pollKey(app, roomId), JSON.stringify({ itemId: item.id, slot }), "PX", ms + 60_000);
  await app.jobs.add(calendarPollCloseJob, { itemId: item.id, slot }, { jobId: `cal-${item.id}-close-${slot}`, delayMs: ms });
}

/** A member's message in a room: a number while a poll is open there is a vote (the last one counts). */
export async function recordPollAnswer(app: AppContext, input: { roomId: number; memberId: number; text: string }): Promise<boolean> {
  const match = /^\s*(\d{1,2})\s*$/.exec(input.text);
  if (!match) return false;
  const open = await app.redis.get(pollKey(app, input.roomId));
  if (!open) return false;
  const { itemId, slot } = JSON.parse(open) as { itemId: number; slot: string };
  const item = await app.db.calendarItem.findUnique({ where: { id: itemId }, select: { options: true } });
  const option = Number(match[1]);
  if (!item || option < 1 || option > item.options.length) return false;
  await app.db.pollVote.upsert({
    where: { itemId_slot_memberId: { itemId, slot, memberId: input.memberId } },
    create: { itemId, slot, memberId: input.memberId, option, roomId: input.roomId },
    update: { option, roomId: input.roomId },
  });
  return true;
}

/** Closes a poll: the result to its rooms, the interaction tag to every voter. */
export async function closePoll(app: AppContext, itemId: number, slot: string) {
  const item = await app.db.calendarItem.findUnique({ where: { id: itemId } });
  if (!item) return { closed: false };
  const rooms = await calendarRooms(app.db, item);
  for (const room of rooms) {
    const open = await app.redis.get(pollKey(app, room.id));
    if (open && (JSON.parse(open) as { itemId: number }).itemId === itemId) await app.redis.del(pollKey(app, room.id));
  }
  const votes = await app.db.pollVote.findMany({ where: { itemId, slot } });
  const text = renderPollResult(item.title, item.options, votes.map((v) => v.option));
  await app.outbox.sendMany(
    rooms.map((room) => ({ kind: "content", to: { roomId: room.id }, text, dedupeKey: `cal:${itemId}:${slot}:result:r:${room.id}`, campaign: `calendar:${itemId}` })),
  );
  if (votes.length) {
    const tag = await app.db.tag.upsert({
      where: { category_name: { category: TAG_CATEGORIES.interaction, name: VOTER_TAG } },
      create: { category: TAG_CATEGORIES.interaction, name: VOTER_TAG },
      update: {},
    });
    await app.db.memberTag.createMany({ data: votes.map((v) => ({ memberId: v.memberId, tagId: tag.id, source: "rule" as const })), skipDuplicates: true });
  }
  return { closed: true, votes: votes.length };
}
