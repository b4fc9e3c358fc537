// 优先购 against the real PostgreSQL and Redis: a sale set to open 30 minutes early for 金卡 (and above)
// lets exactly those members grab before the start — decided in the gate's grab script together with
// the room, limit and stock, so a mixed burst from two processes splits exactly — and a rebuilt gate keeps it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLASH_GATE } from "../../../../src/features/flash-sales/flash-gate.js";
import { grabFlashSale } from "../../../../src/features/flash-sales/index.js";
import { grantEarlyAccess } from "../../../../src/features/loyalty/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createSalesFixture, type SalesFixture } from "../../../support/sales-fixture.js";

describe("优先购 (early access by level)", () => {
  let fixture: SalesFixture | undefined;
  let app: AppContext;
  let other: AppContext;
  let roomId: number;
  let memberIds: number[];
  beforeAll(async () => {
    fixture = await createSalesFixture(40);
    ({ app, other, roomId, memberIds } = fixture);
    await app.db.roomMember.createMany({ data: memberIds.map((memberId) => ({ roomId, memberId })) });
    // 0–9 金卡, 10–11 黑金 (above: included), the rest 普通.
    await app.db.memberLevel.createMany({
      data: memberIds.map((memberId, i) => ({
        memberId,
        level: i < 10 ? "金卡" : i < 12 ? "黑金" : "普通",
        spendCents: 0,
        computedAt: new Date(),
      })),
    });
  });
  afterAll(async () => fixture?.cleanup());

  it("opens early only for the level and above, atomically, and again after the gate is rebuilt", async () => {
    const sale = await fixture!.newSale(100, { startsInMs: 20 * 60_000 }); // starts in 20 minutes
    const set = await grantEarlyAccess(app, { saleId: sale.id, audience: "金卡", minutes: 30 });
    expect(set).toMatchObject({ outcome: { kind: "set" }, members: 12 });
    // A mixed burst through two processes' gates, before the start but inside the early window.
    const outcomes = await Promise.all(
      memberIds.map((memberId, i) => grabFlashSale(i % 2 ? app : other, { saleId: sale.id, memberId, roomId })),
    );
    const won = memberIds.filter((_, i) => outcomes[i]!.kind === "won");
    expect(won).toEqual(memberIds.slice(0, 12));
    expect(outcomes.slice(12).every((o) => o.kind === "notOpen")).toBe(true);

    // Redis lost the gate: rebuilt from the sale's record, the early set comes back with it.
    await app.redis.del(app.key("flash", sale.id, "meta"), app.key("flash", sale.id, "early"));
    const again = await Promise.all(
      [memberIds[20]!, memberIds[12]!].map((memberId) => grabFlashSale(app, { saleId: sale.id, memberId, roomId })),
    );
    expect(again.map((o) => o.kind)).toEqual(["notOpen", "notOpen"]);
    const gold = await fixture!.newSale(5, { startsInMs: 20 * 60_000 });
    await grantEarlyAccess(app, { saleId: gold.id, audience: "黑金", minutes: 30 });
    await app.redis.del(app.key("flash", gold.id, "meta"));
    expect((await grabFlashSale(app, { saleId: gold.id, memberId: memberIds[10]!, roomId })).kind).toBe("won");
    expect((await grabFlashSale(app, { saleId: gold.id, memberId: memberIds[0]!, roomId })).kind).toBe("notOpen");
    expect(await app.scoped(FLASH_GATE).left(gold.id)).toBe(4);
  });

  it("refuses an unknown audience and a sale that has started", async () => {
    const started = await fixture!.newSale(5);
    expect((await grantEarlyAccess(app, { saleId: started.id, audience: "金卡", minutes: 30 })).outcome.kind).toBe("alreadyStarted");
    expect((await grantEarlyAccess(app, { saleId: started.id, audience: "钻石", minutes: 30 })).outcome.kind).toBe("unknownAudience");
    expect((await grantEarlyAccess(app, { saleId: 99_999, audience: "高价值", minutes: 30 })).outcome.kind).toBe("notFound");
  });
});
