import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncRoomMembers } from "../../../src/features/community/sync-room-members.js";
import { listMembersByTag } from "../../../src/features/tags/edit-member-tags.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { demoCommunity } from "../../../src/sim/demo-community.js";
import { seedDemoHistory } from "../../../src/sim/demo-history.js";
import { createTestApp } from "../../support/test-app.js";

const at = new Date("2026-11-23T08:00:00Z");

describe("the demo community's history", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({}, { now: () => at }));
    // As the login's room sync records them: everyone first seen now, nobody with an order.
    for (const room of demoCommunity.rooms) {
      await syncRoomMembers(app, {
        wechatRoomId: `${room.id}@chatroom`,
        topic: room.topic,
        members: room.members.map((id) => ({ wechatId: id, name: demoCommunity.names?.[id] ?? id })),
        at,
      });
    }
  });
  afterAll(() => cleanup());

  it("gives every layer members, with orders in the past, tags and alice's coupon", async () => {
    const history = await seedDemoHistory(app);
    // boss is on duty at the service desk.
    const boss = await app.db.member.findUniqueOrThrow({ where: { wechatId: demoCommunity.owner } });
    expect(await app.db.serviceAgent.findUnique({ where: { memberId: boss.id } })).toMatchObject({ onDuty: true });
    // The owner has no past: a 31st member, new.
    expect(history).toEqual({
      members: 30,
      orders: 112,
      layers: { high_value: 3, potential: 9, new: 7, at_risk: 7, lost: 5 },
      // Points for the last 12 months' orders and a week of 签到; levels by spend, nobody told.
      points: 25_780,
      levels: { 普通: 24, 银卡: 1, 金卡: 2 },
    });
    expect(await app.db.delivery.count({ where: { campaign: "level-up" } })).toBe(0);
    expect(await app.db.exchangeItem.count()).toBe(3);
    expect(await app.db.order.count({ where: { status: "paid", placedAt: { lt: at }, paidAt: { lt: at } } })).toBe(112);
    expect((await listMembersByTag(app, { name: "北京" })).count).toBe(6);
    expect((await listMembersByTag(app, { name: "母婴" })).count).toBeGreaterThan(0);
    const coupons = await app.db.coupon.findMany({ include: { member: true, template: true } });
    expect(coupons.map((c) => [c.member.wechatId, c.template.name])).toEqual([["alice", "满200减30"]]);
  });

  it("adds nothing on a second start", async () => {
    const counts = async () => [await app.db.order.count(), await app.db.coupon.count(), await app.db.memberTag.count()];
    const before = await counts();
    expect(await seedDemoHistory(app)).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});
