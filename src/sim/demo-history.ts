// The demo community's past: months of shop orders, a few tags and a coupon, so the operator commands
// (分层, 召回 预览, 人群 预览 分层:流失风险, 标签 成员, 券 列表, 我的券) have something to show; boss on
// duty at the service desk (值班), so a member's 客服 reaches him.

import { createCouponTemplate, issueCoupon } from "../features/coupons/index.js";
import { addExchangeItem, checkIn, listExchangeItems, recomputeLevels, settleMissedOrders } from "../features/loyalty/index.js";
import { type LayerKey, readLayerSummary, recomputeLayers } from "../features/rfm/index.js";
import { setDuty } from "../features/service-desk/index.js";
import { applyRuleTags, editMemberTags } from "../features/tags/index.js";
import type { AppContext } from "../kernel/app-context.js";
import { newOrderNo } from "../kernel/codes/order-number.js";
import { seedDemoCatalogue } from "./demo-catalogue.js";
import { demoCommunity } from "./demo-community.js";
import { seededRandom } from "./seeded-random.js";

const DAY_MS = 86_400_000;

/** How many members (in community order, the owner left out) get each layer's kind of past. */
const PLAN: ReadonlyArray<[LayerKey, number]> = [
  ["high_value", 3],
  ["potential", 9],
  ["new", 6],
  ["at_risk", 7],
  ["lost", 5],
];
const CATEGORIES = ["护肤", "彩妆", "母婴", "个护", "香氛"];
const JOIN_SOURCES = ["store_qr", "parcel_card", "referral", "room_invite"];
/** The coupons of docs/domain.md: the win-back pair (WINBACK_COUPONS) and the welcome gift (WELCOME_COUPON). */
const TEMPLATES = [
  { name: "满200减30", kind: "threshold", valueCents: 3_000, minSpendCents: 20_000, validDays: 30 },
  { name: "立减100", kind: "flat", valueCents: 10_000, minSpendCents: 0, validDays: 30 },
  { name: "首单立减50", kind: "new_member", valueCents: 5_000, minSpendCents: 0, validDays: 30 },
] as const;

export interface DemoHistory {
  members: number;
  orders: number;
  layers: Record<LayerKey, number>;
  /** Points outstanding, and members per level (积分, 兑换 and levels have something to show). */
  points: number;
  levels: Record<string, number>;
}

/**
 * On the demo's first start (no order stored yet), gives the synced demo members a plausible past,
 * then runs the nightly RFM recompute and rule tags once. Returns undefined when history is already
 * there: the demo database persists between runs. A fixed seed makes every first start the same.
 */
export async function seedDemoHistory(app: AppContext): Promise<DemoHistory | undefined> {
  const { db, config } = app;
  if ((await db.order.count()) > 0) return undefined;
  const at = app.clock.now();
  const t = config.rfm;
  const random = seededRandom(20_260_101);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const daysAgo = (days: number) => new Date(at.getTime() - (days + random() * 0.8) * DAY_MS);

  const ids = [...new Set(demoCommunity.rooms.flatMap((room) => room.members))].filter((id) => id !== demoCommunity.owner);
  const members = await db.member.findMany({ where: { wechatId: { in: ids } }, select: { id: true, wechatId: true } });
  const byWechatId = new Map(members.map((m) => [m.wechatId, m.id]));
  const layers = PLAN.flatMap(([layer, count]) => Array<LayerKey>(count).fill(layer));

  const profiles = ids.flatMap((wechatId, i) => {
    const memberId = byWechatId.get(wechatId);
    if (memberId === undefined) return [];
    const favourite = CATEGORIES[i % CATEGORIES.length]!;
    // [first seen, days ago], [order count], [last order, days ago]; earlier orders fall in between.
    const shape: Record<LayerKey, () => { seen: number; orders: number; last: number }> = {
      high_value: () => ({
        seen: between(150, 300),
        orders: t.highValueOrders + between(0, 6),
        last: between(1, Math.min(20, t.highValueDays - 1)),
      }),
      potential: () => ({
        seen: between(Math.max(t.newDays, t.atRiskDays) + 10, 200),
        orders: between(2, Math.max(2, t.highValueOrders - 3)),
        last: between(2, t.atRiskDays - 10),
      }),
      new: () => ({ seen: between(1, t.newDays - 2), orders: i % 2, last: 0 }),
      at_risk: () => ({
        seen: between(t.lostDays + 30, t.lostDays + 200),
        orders: between(1, 5),
        last: between(t.atRiskDays + 3, t.lostDays - 3),
      }),
      lost: () => ({
        seen: between(t.lostDays + 100, t.lostDays + 300),
        orders: between(1, 3),
        last: between(t.lostDays + 5, t.lostDays + 90),
      }),
    };
    const { seen, orders, last } = shape[layers[i] ?? "potential"]();
    // High value must reach the spending threshold: each of its orders is at least an even share of it.
    const minCents = layers[i] === "high_value" ? Math.ceil(t.highValueCents / t.highValueOrders / 100) * 100 : 3_900;
    const history = Array.from({ length: orders }, (_, n) => {
      const placedAt = n === 0 ? daysAgo(last === 0 ? between(0, seen - 1) : last) : daysAgo(between(last + 1, seen));
      return {
        orderNo: newOrderNo("S"),
        source: "shop" as const,
        externalId: `demo-${wechatId}-${n + 1}`,
        memberId,
        amountCents: minCents + between(1, 250) * 100 - 10,
        status: "paid" as const,
        categories: random() < 0.6 ? [favourite] : [...new Set([favourite, CATEGORIES[between(0, CATEGORIES.length - 1)]!])],
        placedAt,
        paidAt: new Date(placedAt.getTime() + between(1, 15) * 60_000),
      };
    });
    return [{ memberId, wechatId, favourite, firstSeenAt: daysAgo(seen), joinSource: JOIN_SOURCES[i % JOIN_SOURCES.length]!, history }];
  });

  // Idempotent steps first, so a start that dies half-way is completed by the next one.
  for (const template of TEMPLATES) await createCouponTemplate(app, template);
  const alice = byWechatId.get("alice");
  if (alice !== undefined)
    await issueCoupon(app, { templateName: "满200减30", memberId: alice, campaign: "manual", dedupeKey: "demo:alice", at });
  const beijing = new Set(
    demoCommunity.rooms
      .find((room) => room.topic === "北京1群")
      ?.members.filter((id) => ids.includes(id))
      .slice(0, 6),
  );
  for (const p of profiles) {
    const add = [...(p.favourite === "母婴" ? ["母婴"] : []), ...(beijing.has(p.wechatId) ? ["北京"] : [])];
    if (add.length) await editMemberTags(app, { memberId: p.memberId, add, remove: [], at });
  }
  // The past itself, in one go: the "no order yet" check above stays true until all of it is there.
  const orders = profiles.flatMap((p) => p.history);
  await db.$transaction([
    ...profiles.map((p) => db.member.update({ where: { id: p.memberId }, data: { firstSeenAt: p.firstSeenAt, joinSource: p.joinSource } })),
    db.order.createMany({ data: orders }),
  ]);

  await recomputeLayers(app, { at, thresholds: t });
  await applyRuleTags(app, {
    at,
    timeZone: config.timeZone,
    activeMessages7d: config.tags.activeMessages7d,
    silentDays: config.tags.silentDays,
  });
  await seedDemoCatalogue(app, at);
  const { counts } = await readLayerSummary(app, { since: at });
  const loyalty = await seedDemoLoyalty(app, at, profiles.map((p) => p.memberId).slice(0, 8));
  // The service desk: boss is on duty as an agent, so 「客服 我的牙刷坏了」 from anyone reaches him.
  const boss = await db.member.findUnique({ where: { wechatId: demoCommunity.owner } });
  if (boss) await setDuty(app, boss, true);
  return { members: profiles.length, orders: orders.length, layers: counts, ...loyalty };
}

/**
 * Points for the past's paid orders (those of the last 12 months), a week of 签到 for a few members,
 * an exchange catalogue, and levels by spend, stored without level-up notices (nobody levelled up today).
 */
async function seedDemoLoyalty(app: AppContext, at: Date, checkers: readonly number[]) {
  const { db } = app;
  await settleMissedOrders(app, { at });
  for (const [n, memberId] of checkers.entries()) {
    for (let day = 6 - (n % 3); day >= 1; day--) await checkIn(app, { memberId, at: new Date(at.getTime() - day * DAY_MS) });
  }
  if ((await listExchangeItems(app)).length === 0) {
    await addExchangeItem(app, { name: "满200减30", points: 300 });
    await addExchangeItem(app, { name: "立减100", points: 1000, stock: 50 });
    await addExchangeItem(app, { name: "品牌帆布袋", points: 500, stock: 100, gift: true });
  }
  await recomputeLevels(app, { at, notify: false });
  const [points, levelRows] = await Promise.all([
    db.pointEntry.aggregate({ _sum: { points: true } }),
    db.memberLevel.groupBy({ by: ["level"], _count: { _all: true } }),
  ]);
  return { points: points._sum.points ?? 0, levels: Object.fromEntries(levelRows.map((r) => [r.level, r._count._all])) };
}
