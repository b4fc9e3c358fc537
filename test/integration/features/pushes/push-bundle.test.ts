// A push offering a bundle ({套餐}): each member reads it at their own level's price (the highest tier at
// or below their level, else the bundle price); a member whose paid orders hold every product of it is
// skipped as owns_bundle; {套餐} without 套餐:, an unknown bundle and a group post are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPush } from "../../../../src/features/pushes/create-push.js";
import { fanOutPush } from "../../../../src/features/pushes/fan-out-push.js";
import { reportPush } from "../../../../src/features/pushes/report-push.js";
import { pushTexts } from "../../../../src/features/pushes/texts.js";
import { createBundle, listBundles } from "../../../../src/features/recommendations/index.js";
import { parseBundle } from "../../../../src/features/recommendations/rules/bundle-command.js";
import { recommendationTexts } from "../../../../src/features/recommendations/texts.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

describe("a push offering a bundle at each member's level price", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ PUSH_CONFIRM_ABOVE: "1000" }));
    await app.db.product.createMany({
      data: [
        { id: "TB", name: "电动牙刷", category: "个护", priceCents: 29_900 },
        { id: "WR", name: "2 年延保", category: "个护", kind: "service", priceCents: 9_900 },
      ],
    });
    const tag = await app.db.tag.create({ data: { name: "x" } });
    // plain: no level row; silver: 银卡 (no tier of its own); gold: 金卡; black: 黑金; owner: 黑金 and owns both;
    // half: owns the toothbrush, and the warranty only through a refunded order (not "owned").
    for (const key of ["plain", "silver", "gold", "black", "owner", "half"]) {
      ids[key] = (await app.db.member.create({ data: { wechatId: key, name: key.toUpperCase() } })).id;
      await app.db.memberTag.create({ data: { memberId: ids[key]!, tagId: tag.id, source: "manual" } });
    }
    const levels = { silver: "银卡", gold: "金卡", black: "黑金", owner: "黑金" };
    await app.db.memberLevel.createMany({
      data: Object.entries(levels).map(([key, level]) => ({ memberId: ids[key]!, level, spendCents: 0, computedAt: app.clock.now() })),
    });
    let n = 0;
    const order = async (key: string, productId: string, status: "paid" | "refunded") => {
      const o = await app.db.order.create({
        data: { orderNo: `B${++n}`, source: "shop", memberId: ids[key], amountCents: 100, status, placedAt: app.clock.now() },
      });
      await app.db.orderLine.create({ data: { orderId: o.id, lineNo: 1, productId, name: productId, quantity: 1, priceCents: 100 } });
    };
    // Bought across two orders: owning is over all paid orders, not one basket.
    await order("owner", "TB", "paid");
    await order("owner", "WR", "paid");
    await order("half", "TB", "paid");
    await order("half", "WR", "refunded");
    await app.db.room.create({ data: { wechatRoomId: "vip@chatroom", topic: "VIP群" } });
  });
  afterAll(async () => cleanup?.());

  it("creates the bundle with its level prices, and 套餐 lists them", async () => {
    const parsed = parseBundle("家庭套装 电动牙刷+延保 价 399 黑金 329 金卡 359");
    if (parsed.kind !== "ok") throw new Error(parsed.kind);
    expect(await createBundle(app, { ...parsed, createdById: ids.plain! })).toMatchObject({
      kind: "created",
      items: ["电动牙刷", "2 年延保"],
      levelPrices: [
        { level: "金卡", priceCents: 35_900 },
        { level: "黑金", priceCents: 32_900 },
      ],
    });
    expect(recommendationTexts.bundleList(await listBundles(app))).toContain(
      "· 家庭套装：电动牙刷 + 2 年延保，¥399（金卡 ¥359，黑金 ¥329）",
    );

    const refused = parseBundle("贵套装 电动牙刷+延保 价 399 钻石 300");
    if (refused.kind !== "ok") throw new Error(refused.kind);
    const outcome = await createBundle(app, { ...refused, createdById: ids.plain! });
    expect(outcome).toMatchObject({ kind: "badLevelPrices", problem: { kind: "unknownLevel", level: "钻石" } });
    if (outcome.kind !== "badLevelPrices") throw new Error(outcome.kind);
    expect(recommendationTexts.badLevelPrices(outcome.problem)).toContain("可用：普通、银卡、金卡、黑金");
    expect(await app.db.bundle.count()).toBe(1);
  });

  it("renders {套餐} per member at their price and skips the member who owns it all (owns_bundle)", async () => {
    const created = await createPush(app, { text: "标签:x 套餐:家庭套装 {昵称} 试试 {套餐}", createdById: ids.plain! });
    if (created.kind !== "created") throw new Error(created.message);
    expect((await app.db.push.findUniqueOrThrow({ where: { id: created.pushId } })).bundleId).not.toBeNull();
    expect(await fanOutPush(app, created.pushId)).toMatchObject({ kind: "done" });

    const deliveries = await app.db.delivery.findMany({ where: { campaign: `push:${created.pushId}` } });
    const byKey = Object.fromEntries(
      Object.entries(ids).map(([key, id]) => {
        const d = deliveries.find((row) => row.memberId === id);
        return [key, d && { status: d.status, reason: d.reason, text: d.text }];
      }),
    );
    const offered = (name: string, price: string) => ({
      status: "queued",
      reason: null,
      text: `${name} 试试 家庭套装（电动牙刷 + 2 年延保）${price}`,
    });
    expect(byKey).toEqual({
      plain: offered("PLAIN", "¥399"),
      silver: offered("SILVER", "¥399"),
      gold: offered("GOLD", "¥359"),
      black: offered("BLACK", "¥329"),
      half: offered("HALF", "¥399"),
      owner: expect.objectContaining({ status: "skipped", reason: "owns_bundle" }),
    });
    const report = await reportPush(app, created.pushId);
    if (report.kind !== "report") throw new Error(report.kind);
    expect(report.report.skipped).toEqual({ owns_bundle: 1 });
    expect(pushTexts.report(report.report, (d) => d.toISOString())).toContain("套餐里的商品都买过了 1");
  });

  it("refuses {套餐} without 套餐:, 套餐: without {套餐}, an unknown bundle, and a bundle in a group post", async () => {
    const refusal = async (text: string) => {
      const outcome = await createPush(app, { text, createdById: ids.plain! });
      return outcome.kind === "invalid" ? outcome.message : outcome.kind;
    };
    const pushes = await app.db.push.count();
    expect(await refusal("标签:x {昵称} 试试 {套餐}")).toBe(pushTexts.bundlePlaceholderWithoutBundle);
    expect(await refusal("标签:x 套餐:家庭套装 {昵称} 新品到了")).toBe(pushTexts.bundleWithoutPlaceholder);
    expect(await refusal("标签:x 套餐:没有这个 {套餐}")).toBe("没有「没有这个」这个套餐，可用：家庭套装 / unknown bundle");
    expect(await refusal("群:VIP群 套餐:家庭套装 试试 {套餐}")).toBe(pushTexts.roomPlaceholders);
    expect(await refusal("群:VIP群 套餐:家庭套装 今晚直播")).toBe(pushTexts.roomBundle);
    expect(await app.db.push.count()).toBe(pushes);
  });
});
