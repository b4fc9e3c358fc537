// Group-buys after a crash: failure notices and team-complete messages a dead process never sent are
// sent by the deadline job's retry or the sweep, once; a cancel keeps complete teams' orders and says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endGroupBuy, joinGroupBuy, sweepGroupBuys } from "../../../../src/features/group-buys/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createSalesFixture, type SalesFixture } from "../../../support/sales-fixture.js";

describe("group-buys after crashes", () => {
  let app: AppContext;
  let roomId: number;
  let memberIds: number[];
  let fixture: SalesFixture | undefined;

  beforeAll(async () => {
    fixture = await createSalesFixture(30);
    ({ app, roomId, memberIds } = fixture);
  });
  afterAll(async () => fixture?.cleanup());

  const newGroupBuy = (teamSize: number, deadlineInMs = 3_600_000) => fixture!.newGroupBuy(teamSize, { deadlineInMs });

  const join = (groupBuyId: number, memberId: number) => joinGroupBuy(app, { groupBuyId, memberId, roomId, choice: { kind: "any" } });
  const told = (groupBuyId: number, what: "failed" | "done") =>
    app.db.delivery.count({ where: { campaign: `groupbuy:${groupBuyId}`, dedupeKey: { contains: `:${what}:` } } });

  it("keeps the room's result worth posting through a night of quiet hours (14 h after the deadline)", async () => {
    const g = await newGroupBuy(3);
    expect(await endGroupBuy(app, { groupBuyId: g.id })).toMatchObject({ kind: "ended" });
    const result = await app.db.delivery.findFirstOrThrow({
      where: { campaign: `groupbuy:${g.id}`, kind: "announcement", dedupeKey: { contains: ":result" } },
    });
    expect(result.validUntil!.getTime() - app.clock.now().getTime()).toBeGreaterThanOrEqual(14 * 3_600_000 - 5_000);
  });

  it("a deadline that died after failing the teams: the job's retry tells their members, once", async () => {
    const g = await newGroupBuy(3);
    await join(g.id, memberIds[1]!);
    await join(g.id, memberIds[2]!);
    // What the crashed run left: the group-buy ended and its team failed in the database, nobody told.
    await app.db.groupBuy.update({ where: { id: g.id }, data: { status: "ended" } });
    await app.db.groupBuyTeam.updateMany({ where: { groupBuyId: g.id }, data: { status: "failed" } });
    expect(await told(g.id, "failed")).toBe(0);
    expect(await endGroupBuy(app, { groupBuyId: g.id, at: g.deadline.getTime() })).toEqual({ kind: "skipped", reason: "notActive" });
    expect(await told(g.id, "failed")).toBe(2);
    expect(await app.db.delivery.count({ where: { dedupeKey: `groupbuy:${g.id}:result:room:${roomId}` } })).toBe(1);
    expect(await endGroupBuy(app, { groupBuyId: g.id, at: g.deadline.getTime() })).toEqual({ kind: "skipped", reason: "notActive" });
    expect(await told(g.id, "failed")).toBe(2);
    expect((await app.db.groupBuyTeam.findFirstOrThrow({ where: { groupBuyId: g.id } })).toldAt).not.toBeNull();
  });

  it("a team completed by a process that died before telling it: the sweep tells its members, once", async () => {
    const g = await newGroupBuy(2);
    await join(g.id, memberIds[3]!);
    expect(await join(g.id, memberIds[4]!)).toMatchObject({ kind: "joined", completed: true });
    expect(await told(g.id, "done")).toBe(2);
    // As if the process had died between completing the team and queueing the messages.
    await app.db.delivery.deleteMany({ where: { campaign: `groupbuy:${g.id}`, dedupeKey: { contains: ":done:" } } });
    await app.db.groupBuyTeam.updateMany({ where: { groupBuyId: g.id }, data: { toldAt: null } });
    expect((await sweepGroupBuys(app, { graceMs: 30_000 })).teamsTold).toBe(1);
    const texts = (await app.db.delivery.findMany({ where: { campaign: `groupbuy:${g.id}`, dedupeKey: { contains: ":done:" } } })).map(
      (d) => d.text,
    );
    const orders = await app.db.order.findMany({ where: { groupBuyTeam: { groupBuyId: g.id } } });
    expect(texts).toHaveLength(2);
    for (const o of orders) expect(texts.some((t) => t.includes(o.orderNo))).toBe(true);
    expect((await sweepGroupBuys(app, { graceMs: 30_000 })).teamsTold).toBe(0);
    expect(await told(g.id, "done")).toBe(2);
  });

  it("the sweep ends a group-buy whose deadline job was lost", async () => {
    const g = await newGroupBuy(3, 3_600_000);
    await join(g.id, memberIds[5]!);
    await app.db.groupBuy.update({ where: { id: g.id }, data: { deadline: new Date(app.clock.now().getTime() - 60_000) } });
    expect((await sweepGroupBuys(app, { graceMs: 30_000 })).groupBuysEnded).toBe(1);
    expect((await app.db.groupBuy.findUniqueOrThrow({ where: { id: g.id } })).status).toBe("ended");
    expect(await told(g.id, "failed")).toBe(1);
  });

  it("cancelling with a complete team: incomplete teams fail and are told, the complete team's orders stand, the room hears both", async () => {
    const g = await newGroupBuy(2);
    await join(g.id, memberIds[6]!);
    await join(g.id, memberIds[7]!);
    await join(g.id, memberIds[8]!);
    expect(await endGroupBuy(app, { groupBuyId: g.id, cancel: true })).toEqual({ kind: "ended", completedTeams: 1, failedTeams: 1 });
    const teams = await app.db.groupBuyTeam.findMany({ where: { groupBuyId: g.id }, orderBy: { number: "asc" } });
    expect(teams.map((t) => t.status)).toEqual(["complete", "failed"]);
    expect(await app.db.order.count({ where: { groupBuyTeamId: teams[0]!.id, status: "pending" } })).toBe(2);
    const cancelNotice = await app.db.delivery.findFirstOrThrow({
      where: { campaign: `groupbuy:${g.id}`, dedupeKey: { contains: ":failed:" } },
    });
    expect(cancelNotice.text).toContain("已被取消，不会扣款");
    const room = await app.db.delivery.findUniqueOrThrow({ where: { dedupeKey: `groupbuy:${g.id}:cancelled:room:${roomId}` } });
    expect(room.text).toContain("未成团的 1个团取消，不会扣款");
    expect(room.text).toContain("已成团的 1个团订单照常有效");
    expect(await endGroupBuy(app, { groupBuyId: g.id, cancel: true })).toEqual({ kind: "skipped", reason: "notActive" });
  });

  it("a cancel that died before telling the room: the sweep announces it and tells the team, once", async () => {
    const g = await newGroupBuy(3);
    await join(g.id, memberIds[9]!);
    // The crash: cancelled and its team failed in the database, nobody told.
    await app.db.groupBuy.update({ where: { id: g.id }, data: { status: "cancelled" } });
    await app.db.groupBuyTeam.updateMany({ where: { groupBuyId: g.id }, data: { status: "failed" } });
    const key = `groupbuy:${g.id}:cancelled:room:${roomId}`;
    expect(await app.db.delivery.count({ where: { dedupeKey: key } })).toBe(0);
    expect((await sweepGroupBuys(app, { graceMs: 30_000 })).cancelsAnnounced).toBe(1);
    expect((await app.db.delivery.findUniqueOrThrow({ where: { dedupeKey: key } })).text).toContain(`#${g.id}`);
    expect(await told(g.id, "failed")).toBe(1);
    expect((await sweepGroupBuys(app, { graceMs: 30_000 })).cancelsAnnounced).toBe(0);
    expect(
      await app.db.delivery.count({
        where: { campaign: `groupbuy:${g.id}`, kind: "announcement", dedupeKey: { contains: ":cancelled:" } },
      }),
    ).toBe(1);
  });
});
