// Joining group-buys against real PostgreSQL: concurrent joins from two app contexts (two processes'
// connections) never overfill a team nor seat a member twice.
import { describe, expect, it } from "vitest";
import { endGroupBuy, joinGroupBuy, type TeamChoice } from "../../../../src/features/group-buys/index.js";
import { useSalesFixture } from "../../../support/sales-fixture.js";

describe("joining a group-buy", () => {
  const sales = useSalesFixture();

  const newGroupBuy = (teamSize: number, limit = 1) => sales.newGroupBuy(teamSize, { limit });
  /** The fixture's member number `member` joins in the fixture's room, through the first app context. */
  const join = (groupBuyId: number, member: number, choice: TeamChoice) =>
    joinGroupBuy(sales.app, { groupBuyId, memberId: sales.memberIds[member]!, roomId: sales.roomId, choice });

  it("100 concurrent joins with N=3: every team ≤ 3, no member twice, full teams complete with orders", async () => {
    const g = await newGroupBuy(3);
    // 100 distinct members, each trying twice at once (from both "processes").
    const attempts = [...sales.memberIds, ...sales.memberIds].map((memberId, i) =>
      joinGroupBuy(i % 2 ? sales.app : sales.other, { groupBuyId: g.id, memberId, roomId: sales.roomId, choice: { kind: "any" } }),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o.kind === "joined")).toHaveLength(100);
    expect(outcomes.filter((o) => o.kind === "limitReached")).toHaveLength(100);
    const teams = await sales.app.db.groupBuyTeam.findMany({ where: { groupBuyId: g.id }, include: { seats: true } });
    expect(teams.every((t) => t.seats.length <= 3)).toBe(true);
    expect(teams).toHaveLength(34);
    expect(teams.filter((t) => t.status === "complete")).toHaveLength(33);
    const seats = teams.flatMap((t) => t.seats.map((s) => s.memberId));
    expect(new Set(seats).size).toBe(seats.length);
    expect(await sales.app.db.order.count({ where: { source: "group_buy", groupBuyTeam: { groupBuyId: g.id } } })).toBe(99);
  });

  it("开团 opens a new team; 参团 7-2 joins that team; a full team refuses", async () => {
    const g = await newGroupBuy(2, 5);
    expect(await join(g.id, 0, { kind: "any" })).toMatchObject({
      kind: "joined",
      teamNumber: 1,
    });
    expect(await join(g.id, 1, { kind: "new" })).toMatchObject({
      kind: "joined",
      teamNumber: 2,
    });
    const done = await join(g.id, 2, { kind: "team", number: 2 });
    expect(done).toMatchObject({ kind: "joined", teamNumber: 2, completed: true });
    expect(done.kind === "joined" && done.chain).toBe(`【拼团接龙 ${g.id}-2】大米 ¥39 2人团\n1. M1\n2. M2\n已成团！🎉`);
    expect(await join(g.id, 3, { kind: "team", number: 2 })).toEqual({
      kind: "teamClosed",
      number: 2,
    });
    expect(await join(g.id, 0, { kind: "team", number: 1 })).toEqual({
      kind: "alreadyInTeam",
      number: 1,
    });
    expect(await join(g.id, 3, { kind: "team", number: 9 })).toEqual({
      kind: "noSuchTeam",
      number: 9,
    });
    expect(
      await joinGroupBuy(sales.app, {
        groupBuyId: g.id,
        memberId: sales.memberIds[3]!,
        roomId: sales.roomId + 99,
        choice: { kind: "any" },
      }),
    ).toEqual({
      kind: "notInRoom",
    });
    // With limit 5 a member may be in two teams, never twice in one.
    expect(await join(g.id, 1, { kind: "any" })).toMatchObject({
      kind: "joined",
      teamNumber: 1,
      completed: true,
    });
  });

  it("at the deadline incomplete teams fail, once", async () => {
    const g = await newGroupBuy(3);
    await join(g.id, 0, { kind: "any" });
    await join(g.id, 1, { kind: "any" });
    expect(await endGroupBuy(sales.app, { groupBuyId: g.id, at: g.deadline.getTime() + 1 })).toEqual({ kind: "skipped", reason: "moved" });
    expect(await endGroupBuy(sales.app, { groupBuyId: g.id, at: g.deadline.getTime() })).toEqual({
      kind: "ended",
      completedTeams: 0,
      failedTeams: 1,
    });
    expect(await endGroupBuy(sales.app, { groupBuyId: g.id, at: g.deadline.getTime() })).toEqual({ kind: "skipped", reason: "notActive" });
    expect(await sales.app.db.delivery.count({ where: { dedupeKey: { contains: ":failed:" }, campaign: `groupbuy:${g.id}` } })).toBe(2);
    expect(await join(g.id, 2, { kind: "any" })).toEqual({
      kind: "ended",
    });
  });
});
