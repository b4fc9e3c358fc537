import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMemberRecommendations } from "../../../../src/features/recommendations/read-recommendations.js";
import { recomputeRecommendations } from "../../../../src/features/recommendations/recompute-recommendations.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const at = new Date("2026-11-23T00:00:00Z");
const settings = { windowDays: 365, minSupport: 5, minLift: 1.2 };

/**
 * 20 members who bought (m19 also a face mask, MK, the only 护肤 item on sale anyone bought). Toothbrush (TB) buyers: m1–m10; warranty (WR): m1–m6 and m11–m12 (8 buyers);
 * cable (CB), bought by almost everyone: m1–m18; cleaning (CL): m1–m3 only (below the minimum support).
 *   TB → WR: support 6, confidence 6/10 = 0.6, P(WR) = 8/20 = 0.4, lift 1.5 → kept
 *   WR → TB: support 6, confidence 6/8 = 0.75, P(TB) = 10/20 = 0.5, lift 1.5 → kept
 *   TB → CB: support 10, confidence 1.0, P(CB) = 18/20 = 0.9, lift 1.111… → dropped (popular, not related)
 *   TB → CL: support 3 < 5 → dropped
 */
const baskets: Record<string, string[]> = {};
for (let i = 1; i <= 20; i++) baskets[`m${i}`] = [];
const give = (product: string, from: number, to: number) => {
  for (let i = from; i <= to; i++) baskets[`m${i}`]!.push(product);
};
give("TB", 1, 10);
give("WR", 1, 6);
give("WR", 11, 12);
give("CB", 1, 18);
give("CL", 1, 3);
give("SH", 19, 20);
give("MK", 19, 19);

describe("the recommendation model", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
    await app.db.product.createMany({
      data: [
        { id: "TB", name: "电动牙刷", category: "个护", priceCents: 29900 },
        { id: "WR", name: "2 年延保", category: "个护", kind: "service", priceCents: 9900 },
        { id: "CB", name: "充电线", category: "配件", priceCents: 1900 },
        { id: "CL", name: "清洁服务", category: "家居", kind: "service", priceCents: 4900 },
        { id: "SH", name: "洗发水", category: "洗护", priceCents: 5900 },
        { id: "MK", name: "面膜", category: "护肤", priceCents: 8900 },
        { id: "OLD", name: "停售款", category: "护肤", priceCents: 100, active: false },
      ],
    });
    let n = 0;
    for (const [wechatId, products] of Object.entries(baskets)) {
      ids[wechatId] = (await app.db.member.create({ data: { wechatId, name: wechatId } })).id;
      // One order per product, so "bought both" is across orders, as the model counts it.
      for (const productId of products) {
        n++;
        const order = await app.db.order.create({
          data: {
            orderNo: `R${n}`,
            source: "shop",
            memberId: ids[wechatId],
            amountCents: 100,
            status: "paid",
            placedAt: new Date(at.getTime() - n * 60_000),
          },
        });
        await app.db.orderLine.create({ data: { orderId: order.id, lineNo: 1, productId, name: productId, quantity: 1, priceCents: 100 } });
      }
    }
    // OLD is bought a lot (the best seller of 护肤) but inactive: never recommended.
    for (let i = 1; i <= 4; i++) {
      const order = await app.db.order.create({
        data: { orderNo: `OLD${i}`, source: "shop", memberId: ids[`m${i + 12}`], amountCents: 100, status: "paid", placedAt: at },
      });
      await app.db.orderLine.create({
        data: { orderId: order.id, lineNo: 1, productId: "OLD", name: "OLD", quantity: 1, priceCents: 100 },
      });
    }
    // A refunded order does not count.
    const refunded = await app.db.order.create({
      data: { orderNo: "RF", source: "shop", memberId: ids.m20, amountCents: 100, status: "refunded", placedAt: at },
    });
    await app.db.orderLine.create({ data: { orderId: refunded.id, lineNo: 1, productId: "TB", name: "TB", quantity: 1, priceCents: 100 } });
    // Newcomers without orders: one prefers 护肤 (a preference tag), one has nothing.
    ids.newSkin = (await app.db.member.create({ data: { wechatId: "newSkin", name: "newSkin" } })).id;
    ids.newBare = (await app.db.member.create({ data: { wechatId: "newBare", name: "newBare" } })).id;
    const tag = await app.db.tag.create({ data: { category: "preference", name: "护肤" } });
    await app.db.memberTag.create({ data: { memberId: ids.newSkin, tagId: tag.id, source: "rule" } });
  });
  afterAll(async () => cleanup?.());

  it("computes exact support, confidence and lift, and keeps only pairs above the minimums", async () => {
    const result = await recomputeRecommendations(app, { at, settings });
    const pairs = await app.db.productPair.findMany({ orderBy: [{ fromProductId: "asc" }, { toProductId: "asc" }] });
    const table = pairs.map((p) => [p.fromProductId, p.toProductId, p.support, Number(p.confidence.toFixed(4)), Number(p.lift.toFixed(4))]);
    // Pairs with CB have lift ≤ 1.11 (CB is everywhere): dropped. CL (3 co-buyers) is below the support.
    // WR ↔ CB: 6 of 8 WR buyers bought CB, confidence 0.75, lift 0.833: dropped.
    expect(table).toEqual([
      ["TB", "WR", 6, 0.6, 1.5],
      ["WR", "TB", 6, 0.75, 1.5],
    ]);
    expect(result.pairs).toBe(2);
  });

  it("recommends from the pairs, never an item the member owns, with the pair as the reason", async () => {
    // m7 bought TB and CB, not WR: WR first, from the pair.
    const m7 = await readMemberRecommendations(app, ids.m7!);
    expect(m7[0]).toMatchObject({ productId: "WR", source: "pair", reason: "买过电动牙刷的顾客 60% 也买了2 年延保（是平均的 1.5 倍）" });
    // m11 bought WR and CB: TB from the pair WR → TB (75%).
    const m11 = await readMemberRecommendations(app, ids.m11!);
    expect(m11[0]).toMatchObject({ productId: "TB", source: "pair", reason: "买过2 年延保的顾客 75% 也买了电动牙刷（是平均的 1.5 倍）" });
    // Whatever the source, nobody is recommended what they own; OLD (inactive) is never recommended.
    for (const [wechatId, products] of Object.entries(baskets)) {
      const recs = await readMemberRecommendations(app, ids[wechatId]!);
      expect(recs.length).toBeGreaterThan(0);
      expect(recs.length).toBeLessThanOrEqual(3);
      for (const r of recs) expect(products).not.toContain(r.productId);
      expect(recs.map((r) => r.productId)).not.toContain("OLD");
    }
    // m1 owns TB, WR, CB and CL: the pairs offer nothing new, so best sellers fill in; only what
    // somebody bought is a best seller (a catalogue item nobody bought has no evidence).
    const m1 = await readMemberRecommendations(app, ids.m1!);
    expect(m1.map((r) => [r.productId, r.source])).toEqual([
      ["SH", "popular"],
      ["MK", "popular"],
    ]);
  });

  it("falls back for members without history: their preference's best sellers, then overall", async () => {
    const skin = await readMemberRecommendations(app, ids.newSkin!);
    // 护肤's best seller is OLD (4 buyers) but inactive: MK (1 buyer) comes first, then the overall best sellers.
    expect(skin.map((r) => [r.productId, r.source])).toEqual([
      ["MK", "category"],
      ["CB", "popular"],
      ["TB", "popular"],
    ]);
    expect(skin[0]!.reason).toBe("你常买的护肤里最受欢迎（1 位顾客买过）");
    const bare = await readMemberRecommendations(app, ids.newBare!);
    expect(bare.map((r) => r.productId)).toEqual(["CB", "TB", "WR"]);
    expect(bare[0]!.reason).toBe("店里最受欢迎（18 位顾客买过）");
  });
});
