// Each metric's SQL against a small hand-computed data set (community time Asia/Shanghai, "now" is
// 2026-11-20 12:00 local): exact figures for today, yesterday, by day in the rollup, and derived ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  measureMetrics,
  measureWindow,
  readLayers,
  readOverview,
  refreshConsoleRollups,
  withDerived,
} from "../../../../src/features/console/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const NOW = new Date("2026-11-20T04:00:00Z"); // 12:00 in Shanghai
const TODAY = new Date("2026-11-19T16:00:00Z"); // 00:00 on the 20th in Shanghai
const YESTERDAY = new Date("2026-11-18T16:00:00Z");

describe("the console's metrics", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ TIME_ZONE: "Asia/Shanghai" }, { now: () => NOW }));
    const db = app.db;
    const [m1, m2, m3] = await Promise.all(["m1", "m2", "m3"].map((w) => db.member.create({ data: { wechatId: w, name: w } })));
    let n = 0;
    const order = (data: {
      memberId?: number;
      shopCustomerId?: string;
      amountCents: number;
      source?: "shop" | "flash_sale";
      status?: "paid" | "refunded" | "pending";
      paidAt?: Date;
    }) =>
      db.order.create({
        data: {
          orderNo: `T${++n}`,
          source: data.source ?? "shop",
          status: data.status ?? "paid",
          memberId: data.memberId,
          shopCustomerId: data.shopCustomerId,
          amountCents: data.amountCents,
          paidAt: data.paidAt,
          placedAt: data.paidAt ?? NOW,
        },
      });
    const at = (iso: string) => new Date(iso);
    await order({ memberId: m1!.id, amountCents: 10_000, paidAt: at("2026-11-20T01:00:00Z") });
    await order({ memberId: m1!.id, amountCents: 5_000, source: "flash_sale", paidAt: at("2026-11-20T02:00:00Z") });
    const o3 = await order({ memberId: m2!.id, amountCents: 2_500, paidAt: at("2026-11-20T03:00:00Z") });
    await order({ shopCustomerId: "c9", amountCents: 2_000, paidAt: at("2026-11-20T03:30:00Z") });
    await order({ memberId: m3!.id, amountCents: 9_999, status: "refunded", paidAt: at("2026-11-20T02:30:00Z") }); // refunded: not counted
    await order({ memberId: m3!.id, amountCents: 7_777, status: "pending" }); // not paid
    await order({ memberId: m2!.id, amountCents: 3_000, paidAt: at("2026-11-19T15:00:00Z") }); // 23:00 on the 19th: yesterday
    await order({ memberId: m3!.id, amountCents: 1_000, paidAt: at("2026-11-19T16:30:00Z") }); // 00:30 on the 20th: today
    await order({ memberId: m1!.id, amountCents: 4_000, paidAt: at("2026-11-20T04:30:00Z") }); // after "now": not yet

    const template = await db.couponTemplate.create({
      data: { name: "满100减10", kind: "threshold", valueCents: 1000, minSpendCents: 10000, validDays: 7 },
    });
    const coupon = (memberId: number, code: string, issuedAt: Date, redeemed?: { at: Date; orderId: number }) =>
      db.coupon.create({
        data: {
          code,
          templateId: template.id,
          memberId,
          issuedAt,
          expiresAt: new Date(issuedAt.getTime() + 7 * 86_400_000),
          redeemedAt: redeemed?.at,
          redeemedOrderId: redeemed?.orderId,
        },
      });
    await coupon(m2!.id, "C1", at("2026-11-20T00:10:00Z"), { at: at("2026-11-20T03:00:00Z"), orderId: o3.id });
    await coupon(m1!.id, "C2", at("2026-11-19T10:00:00Z"));
    await coupon(m3!.id, "C3", at("2026-11-20T02:00:00Z"));

    const delivery = (
      memberId: number | null,
      kind: "push" | "campaign" | "content" | "reply" | "announcement",
      status: "sent" | "skipped",
      sentAt?: Date,
    ) => db.delivery.create({ data: { account: "main", kind, memberId, text: "x", status, sentAt } });
    await delivery(m1!.id, "push", "sent", at("2026-11-20T01:00:00Z"));
    await delivery(m1!.id, "push", "sent", at("2026-11-20T02:00:00Z")); // same member twice: one reached
    await delivery(m2!.id, "campaign", "sent", at("2026-11-20T01:30:00Z"));
    await delivery(m3!.id, "content", "sent", at("2026-11-19T17:00:00Z"));
    await delivery(m3!.id, "reply", "sent", at("2026-11-20T01:00:00Z")); // a reply is not marketing
    await delivery(m2!.id, "push", "skipped"); // never sent
    await delivery(null, "announcement", "sent", at("2026-11-20T01:00:00Z")); // a room's: nobody in private
    await delivery(m2!.id, "push", "sent", at("2026-11-19T12:00:00Z")); // yesterday
  });
  afterAll(async () => cleanup?.());

  it("counts today so far exactly", async () => {
    const today = await measureWindow(app, TODAY, NOW);
    expect(today).toEqual({
      gmvCents: 20_500, // 10000 + 5000 + 2500 + 2000 + 1000
      paidOrders: 5,
      buyers: 4, // m1, m2, m3, shop customer c9
      attributedOrders: 2, // the flash-sale order and the one that redeemed C1
      membersReached: 3, // m1 (twice), m2, m3
      couponClaims: 2, // C1, C3
      couponRedemptions: 1, // C1
    });
    const figures = withDerived(today);
    expect(figures.averageOrderCents).toBe(4_100);
    expect(figures.conversion).toBeCloseTo(2 / 3, 10);
  });

  it("buckets by community-local day, and the rollup stores the same", async () => {
    const byDay = await measureMetrics(app, YESTERDAY, new Date(TODAY.getTime() + 86_400_000), "day");
    expect(byDay.get("2026-11-19")).toEqual({
      gmvCents: 3_000,
      paidOrders: 1,
      buyers: 1,
      attributedOrders: 0,
      membersReached: 1,
      couponClaims: 1,
      couponRedemptions: 0,
    });
    // The 20th as a whole day includes the order paid after "now".
    expect(byDay.get("2026-11-20")?.gmvCents).toBe(24_500);
    const result = await refreshConsoleRollups(app, { backfillDays: 3 });
    expect(result.days).toBe(4);
    const row = await app.db.consoleDailyMetric.findUniqueOrThrow({ where: { day: new Date("2026-11-19T00:00:00Z") } });
    expect(Number(row.gmvCents)).toBe(3_000);
    expect(row.paidOrders).toBe(1);
    const hour = await app.db.consoleHourlyMetric.findUniqueOrThrow({ where: { hour: new Date("2026-11-20T01:00:00Z") } });
    expect(Number(hour.gmvCents)).toBe(10_000);
  });

  it("shows today live against yesterday's rollup in the overview", async () => {
    const overview = await readOverview(app);
    expect(overview.today.gmvCents).toBe(20_500);
    expect(overview.yesterday.gmvCents).toBe(3_000);
    expect(overview.yesterday.couponClaims).toBe(1);
    expect(overview.lastWeek.gmvCents).toBe(0);
    expect(overview.days).toHaveLength(30);
    expect(overview.days.at(-1)).toEqual({ day: "2026-11-20", gmvCents: 20_500, paidOrders: 5 });
    expect(overview.days.at(-2)).toEqual({ day: "2026-11-19", gmvCents: 3_000, paidOrders: 1 });
    // Today's hours from the hourly rollup: 00:00 to 12:00 local.
    expect(overview.hours).toHaveLength(13);
    expect(overview.hours.find((h) => h.hour === "09:00")).toEqual({ hour: "09:00", gmvCents: 10_000, paidOrders: 1 });
    expect(overview.hours.reduce((sum, h) => sum + h.gmvCents, 0)).toBe(20_500);
  });

  it("refreshes incrementally: a later order of yesterday is picked up by the next run", async () => {
    const m = await app.db.member.findFirstOrThrow({ where: { wechatId: "m1" } });
    await app.db.order.create({
      data: {
        orderNo: "T-late",
        source: "shop",
        status: "paid",
        memberId: m.id,
        amountCents: 500,
        paidAt: new Date("2026-11-19T05:00:00Z"),
      },
    });
    const result = await refreshConsoleRollups(app);
    expect(result.days).toBe(2); // from the last stored day, once more, to today
    const row = await app.db.consoleDailyMetric.findUniqueOrThrow({ where: { day: new Date("2026-11-19T00:00:00Z") } });
    expect(Number(row.gmvCents)).toBe(3_500);
  });

  it("counts layer sizes by month, churn and repurchase per layer", async () => {
    const ids = Object.fromEntries((await app.db.member.findMany()).map((m) => [m.wechatId, m.id]));
    const change = (who: string, from: string | null, to: string, iso: string) =>
      app.db.layerChange.create({ data: { memberId: ids[who]!, fromLayer: from, toLayer: to, changedAt: new Date(iso) } });
    await change("m1", null, "high_value", "2026-10-05T04:00:00Z");
    await change("m2", null, "at_risk", "2026-10-06T04:00:00Z");
    await change("m3", null, "at_risk", "2026-10-07T04:00:00Z");
    await change("m3", "at_risk", "lost", "2026-11-03T04:00:00Z");
    for (const [who, layer] of [
      ["m1", "high_value"],
      ["m2", "at_risk"],
      ["m3", "lost"],
    ] as const) {
      await app.db.memberRfm.create({ data: { memberId: ids[who]!, orders: 1, monetaryCents: 100n, layer, computedAt: NOW } });
    }
    const view = await readLayers(app);
    const at = (layer: string, month: string) => view.byMonth[layer]![view.months.indexOf(month)];
    expect([at("at_risk", "2026-10"), at("at_risk", "2026-11"), at("lost", "2026-11"), at("high_value", "2026-11")]).toEqual([2, 1, 1, 1]);
    expect(view.transitions).toContainEqual({ month: "2026-11", from: "at_risk", to: "lost", members: 1 });
    const nov = (layer: string) => view.churn.find((c) => c.month === "2026-11" && c.layer === layer);
    // at risk: 2 at the start of November, 1 moved to lost (50%); its one member now (m2) bought in November.
    expect(nov("at_risk")).toEqual({ month: "2026-11", layer: "at_risk", size: 2, moved: 1, rate: 0.5, buyers: 1, repurchase: 1 });
    expect(nov("high_value")).toMatchObject({ size: 1, moved: 0, rate: 0, buyers: 1, repurchase: 1 });
  });
});
