import type { AppContext } from "../../kernel/app-context.js";
import { creditEngagementPoints } from "../loyalty/index.js";
import { TAG_CATEGORIES } from "../tags/index.js";
import { calendarPollCloseJob } from "./jobs.js";
import { renderPollResult } from "./rules/calendar-item.js";

/** The interaction tag voters get (feeds segments: 标签:参与投票). */
export const VOTER_TAG = "参与投票";

// Polls posted in a room (it may hold several): one hash per room, a field per poll run ("<item>:<slot>")
// pointing at the delivery of its post. A poll opens when that post is sent, not when it is queued: the
// governor may hold a post for a while, and nobody can vote on what they have not seen.
const roomPollsKey = (app: AppContext, roomId: number) => app.key("polls", roomId);
const pollField = (itemId: number, slot: string) => `${itemId}:${slot}`;

interface PollPost {
  itemId: number;
  slot: string;
  deliveryId: string;
  minutes: number;
}

/**
 * A poll's posts were queued: each room takes numbered answers for `pollMinutes` from when its post is
 * sent. Safe to call again (a retried publication registers the same posts).
 */
export async function openPoll(
  app: AppContext,
  item: { id: number; pollMinutes: number },
  slot: string,
  posts: ReadonlyArray<{ roomId: number; deliveryId: bigint }>,
  validUntil: Date,
) {
  const ms = item.pollMinutes * 60_000;
  // Kept until the latest the window can end: the post's validity, then the whole window.
  const keepMs = Math.max(0, validUntil.getTime() - app.clock.now().getTime()) + ms + 3_600_000;
  for (const post of posts) {
    const key = roomPollsKey(app, post.roomId);
    const value: PollPost = { itemId: item.id, slot, deliveryId: post.deliveryId.toString(), minutes: item.pollMinutes };
    // NX then GT: a room's key lives as long as its longest-lived poll needs.
    await app.redis
      .multi()
      .hset(key, pollField(item.id, slot), JSON.stringify(value))
      .pexpire(key, keepMs, "NX")
      .pexpire(key, keepMs, "GT")
      .exec();
  }
  await app.jobs.add(calendarPollCloseJob, { itemId: item.id, slot, check: 1 }, { jobId: `cal-${item.id}-close-${slot}`, delayMs: ms });
}

type PostState = { kind: "open"; closesAt: Date; sentAt: Date } | { kind: "pending" } | { kind: "over" };

/** Where a room's poll post stands: not sent yet, sent and still open, or over (closed, skipped, failed). */
async function postStates(app: AppContext, posts: readonly PollPost[]): Promise<PostState[]> {
  const rows = await app.db.delivery.findMany({
    where: { id: { in: posts.map((p) => BigInt(p.deliveryId)) } },
    select: { id: true, status: true, sentAt: true },
  });
  const byId = new Map(rows.map((r) => [r.id.toString(), r]));
  const now = app.clock.now().getTime();
  return posts.map((post) => {
    const row = byId.get(post.deliveryId);
    if (row?.status === "queued" || row?.status === "sending") return { kind: "pending" };
    if (row?.status !== "sent" || !row.sentAt) return { kind: "over" };
    const closesAt = new Date(row.sentAt.getTime() + post.minutes * 60_000);
    return closesAt.getTime() > now ? { kind: "open", closesAt, sentAt: row.sentAt } : { kind: "over" };
  });
}

/**
 * A member's message in a room: a number while a poll is open there is a vote (the last one counts).
 * With several polls open in the room, a bare number votes in the most recently posted one.
 */
export async function recordPollAnswer(app: AppContext, input: { roomId: number; memberId: number; text: string }): Promise<boolean> {
  const match = /^\s*(\d{1,2})\s*$/.exec(input.text);
  if (!match) return false;
  const registered = Object.values(await app.redis.hgetall(roomPollsKey(app, input.roomId))).map((v) => JSON.parse(v) as PollPost);
  if (registered.length === 0) return false;
  const states = await postStates(app, registered);
  const open = registered
    .map((post, i) => ({ post, state: states[i]! }))
    .filter((p): p is { post: PollPost; state: Extract<PostState, { kind: "open" }> } => p.state.kind === "open")
    .sort((a, b) => b.state.sentAt.getTime() - a.state.sentAt.getTime())[0];
  if (!open) return false;
  const { itemId, slot } = open.post;
  const item = await app.db.calendarItem.findUnique({ where: { id: itemId }, select: { options: true } });
  const option = Number(match[1]);
  if (!item || option < 1 || option > item.options.length) return false;
  await app.db.pollVote.upsert({
    where: { itemId_slot_memberId: { itemId, slot, memberId: input.memberId } },
    create: { itemId, slot, memberId: input.memberId, option, roomId: input.roomId },
    update: { option, roomId: input.roomId },
  });
  await creditEngagementPoints(app, { memberId: input.memberId, source: { kind: "poll_vote", itemId, slot }, at: app.clock.now() });
  return true;
}

/**
 * The poll-close job: once every room's window is over (a post still waiting in the outbox, or sent less
 * than pollMinutes ago, puts the close off), the result goes to the rooms that saw the poll and every
 * voter gets the interaction tag (source event: rule runs never remove it).
 */
export async function closePoll(app: AppContext, itemId: number, slot: string, check = 1) {
  const item = await app.db.calendarItem.findUnique({ where: { id: itemId } });
  if (!item) return { closed: false };
  // Every room is looked at: a room tag may have changed since the poll was posted. The reads go out
  // together, not as one pipeline: on a Redis Cluster each room's key lies in its own slot.
  const rooms = await app.db.room.findMany({ select: { id: true } });
  const values = await Promise.all(rooms.map((room) => app.redis.hget(roomPollsKey(app, room.id), pollField(itemId, slot))));
  const posts = rooms.flatMap((room, i) => {
    const value = values[i];
    return typeof value === "string" ? [{ roomId: room.id, post: JSON.parse(value) as PollPost }] : [];
  });
  const states = await postStates(
    app,
    posts.map((p) => p.post),
  );
  const now = app.clock.now().getTime();
  const next = states.reduce(
    (at, s) => (s.kind === "open" ? Math.min(at, s.closesAt.getTime()) : s.kind === "pending" ? Math.min(at, now + 60_000) : at),
    Infinity,
  );
  if (next !== Infinity && check < 2000) {
    await app.jobs.add(
      calendarPollCloseJob,
      { itemId, slot, check: check + 1 },
      { jobId: `cal-${itemId}-close-${slot}-${check + 1}`, delayMs: next - now },
    );
    return { closed: false };
  }
  const sent = await app.db.delivery.findMany({
    where: { id: { in: posts.map((p) => BigInt(p.post.deliveryId)) }, status: "sent" },
    select: { roomId: true },
  });
  for (const { roomId } of posts) await app.redis.hdel(roomPollsKey(app, roomId), pollField(itemId, slot));
  const votes = await app.db.pollVote.findMany({ where: { itemId, slot } });
  const text = renderPollResult(
    item.title,
    item.options,
    votes.map((v) => v.option),
  );
  await app.outbox.sendMany(
    sent.map(({ roomId }) => ({
      kind: "content",
      to: { roomId: roomId! },
      text,
      dedupeKey: `cal:${itemId}:${slot}:result:r:${roomId}`,
      campaign: `calendar:${itemId}`,
    })),
  );
  if (votes.length) {
    const tag = await app.db.tag.upsert({
      where: { category_name: { category: TAG_CATEGORIES.interaction, name: VOTER_TAG } },
      create: { category: TAG_CATEGORIES.interaction, name: VOTER_TAG },
      update: {},
    });
    await app.db.memberTag.createMany({
      data: votes.map((v) => ({ memberId: v.memberId, tagId: tag.id, source: "event" as const })),
      skipDuplicates: true,
    });
  }
  return { closed: true, votes: votes.length };
}
