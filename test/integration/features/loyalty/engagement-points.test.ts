// Points for a poll vote and a live reservation (issue 13 item 2): credited once per source through the
// ledger's key, so voting again, a second 预约 or a retried credit writes nothing more.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCalendarItem } from "../../../../src/features/calendar/manage-calendar.js";
import { recordPollAnswer } from "../../../../src/features/calendar/polls.js";
import { publishCalendarItem } from "../../../../src/features/calendar/publish-calendar-item.js";
import { reserveLiveStream } from "../../../../src/features/calendar/reserve-live-stream.js";
import { creditEngagementPoints, readPoints } from "../../../../src/features/loyalty/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

describe("engagement points", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let now = new Date("2026-11-23T12:00:00Z");
  const clock = { now: () => now };
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ POINTS_PER_POLL_VOTE: "3", POINTS_PER_LIVE_RESERVATION: "4" }, clock));
  });
  afterAll(async () => cleanup?.());

  const entries = (memberId: number) =>
    app.db.pointEntry.findMany({ where: { memberId }, orderBy: { id: "asc" }, select: { points: true, source: true, ref: true } });
  const balance = async (memberId: number) => (await readPoints(app, { memberId, at: now })).balance;

  it("credits a poll vote once: changing the vote or a retried credit adds nothing", async () => {
    const room = await app.db.room.create({ data: { wechatRoomId: "vote@chatroom", topic: "投票群" } });
    const voter = await app.db.member.create({ data: { wechatId: "pv1", name: "PV" } });
    const added = await addCalendarItem(app, {
      kind: "interaction",
      title: "选新品",
      body: "",
      when: "12-30 20:00",
      rooms: ["投票群"],
      options: ["A", "B"],
    });
    if (added.kind !== "added") throw new Error(JSON.stringify(added));
    await publishCalendarItem(app, added.itemId, "s1");
    await app.db.delivery.updateMany({
      where: { dedupeKey: { startsWith: `cal:${added.itemId}:` } },
      data: { status: "sent", sentAt: now },
    });

    const vote = (text: string) => recordPollAnswer(app, { roomId: room.id, memberId: voter.id, text });
    expect(await vote("1")).toBe(true);
    expect(await balance(voter.id)).toBe(3);
    expect(await vote("2")).toBe(true); // the last answer counts, the points do not
    expect(
      await creditEngagementPoints(app, { memberId: voter.id, source: { kind: "poll_vote", itemId: added.itemId, slot: "s1" }, at: now }),
    ).toEqual({
      kind: "unchanged",
    });
    expect(await entries(voter.id)).toEqual([{ points: 3, source: "poll_vote", ref: `${added.itemId}:s1` }]);
    expect(await balance(voter.id)).toBe(3);

    // Another run of the same poll is another source.
    await publishCalendarItem(app, added.itemId, "s2");
    now = new Date(now.getTime() + 60_000); // posted after s1: a bare number votes in it
    await app.db.delivery.updateMany({
      where: { dedupeKey: { startsWith: `cal:${added.itemId}:s2` } },
      data: { status: "sent", sentAt: now },
    });
    expect(await vote("1")).toBe(true);
    expect(await balance(voter.id)).toBe(6);
    // Not a vote (no open poll option): nothing.
    expect(await vote("9")).toBe(false);
    expect(await balance(voter.id)).toBe(6);
  });

  it("credits a live reservation once, however often the member reserves", async () => {
    const fan = await app.db.member.create({ data: { wechatId: "lr1", name: "LR" } });
    const added = await addCalendarItem(app, { kind: "live", title: "新品直播", body: "", when: "12-20 20:00", rooms: [], options: [] });
    if (added.kind !== "added") throw new Error(JSON.stringify(added));
    expect((await reserveLiveStream(app, { itemId: added.itemId, memberId: fan.id })).kind).toBe("reserved");
    now = new Date(now.getTime() + 60_000);
    expect((await reserveLiveStream(app, { itemId: added.itemId, memberId: fan.id })).kind).toBe("reserved");
    await Promise.all(
      Array.from({ length: 5 }, () =>
        creditEngagementPoints(app, { memberId: fan.id, source: { kind: "live_reservation", itemId: added.itemId }, at: now }),
      ),
    );
    expect(await entries(fan.id)).toEqual([{ points: 4, source: "live_reservation", ref: String(added.itemId) }]);
    expect(await balance(fan.id)).toBe(4);
    // Not a live: no reservation, no points.
    expect((await reserveLiveStream(app, { itemId: 999_999, memberId: fan.id })).kind).toBe("notFound");
    expect(await balance(fan.id)).toBe(4);
  });
});
