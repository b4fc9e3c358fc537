// The console's metrics, defined once: a name, one sentence that says what is counted, and the SQL that
// counts it. The pages, the 看板 chat command, the rollup job and the tests all read this module, so a
// figure in chat and on the page is the same number by construction.
//
// Each metric's SQL counts over a window [$1, $2) and groups by `{bucket}`, an expression over the
// metric's time column: the whole window (one row), a community-local day or an hour. The rollup job
// runs the same SQL with a day or hour bucket; today's live figures run it with the whole window.

import type { MetricFormat } from "./rules/format-figure.js";

export type { MetricFormat };

export interface CountedMetric {
  key: CountedKey;
  name: string;
  definition: string;
  format: MetricFormat;
  /** The column `{bucket}` is built from. */
  timeColumn: string;
  /** Returns rows (bucket, value) for $1 ≤ time < $2. */
  sql: string;
}

export interface DerivedMetric {
  key: DerivedKey;
  name: string;
  definition: string;
  format: MetricFormat;
  /** numerator ÷ denominator (0 when the denominator is 0). */
  ratio: [CountedKey, CountedKey];
}

export const COUNTED_KEYS = [
  "gmvCents",
  "paidOrders",
  "buyers",
  "attributedOrders",
  "membersReached",
  "couponClaims",
  "couponRedemptions",
] as const;
export type CountedKey = (typeof COUNTED_KEYS)[number];
export type DerivedKey = "averageOrderCents" | "conversion";
export type MetricKey = CountedKey | DerivedKey;

const PAID_IN_WINDOW = "o.status = 'paid' and o.paid_at >= $1 and o.paid_at < $2";
/** Private marketing messages: what "reached" means for the conversion (replies and notices are not). */
const MARKETING_KINDS = "('push', 'campaign', 'content', 'reminder', 'announcement')";

export const COUNTED_METRICS: readonly CountedMetric[] = [
  {
    key: "gmvCents",
    name: "成交额 GMV",
    definition: "窗口内付款、至今仍为已付款的订单金额之和（退款、取消的不计）。",
    format: "money",
    timeColumn: "o.paid_at",
    sql: `select {bucket} as bucket, coalesce(sum(o.amount_cents), 0)::bigint as value from orders o where ${PAID_IN_WINDOW} group by 1`,
  },
  {
    key: "paidOrders",
    name: "付款订单",
    definition: "窗口内付款、至今仍为已付款的订单数。",
    format: "count",
    timeColumn: "o.paid_at",
    sql: `select {bucket} as bucket, count(*)::bigint as value from orders o where ${PAID_IN_WINDOW} group by 1`,
  },
  {
    key: "buyers",
    name: "下单人数",
    definition: "窗口内有付款订单的不同买家数（会员，未绑定的按商城客户计）。",
    format: "count",
    timeColumn: "o.paid_at",
    sql: `select {bucket} as bucket, count(distinct coalesce('m' || o.member_id::text, 'c' || o.shop_customer_id, 'o' || o.id::text))::bigint as value from orders o where ${PAID_IN_WINDOW} group by 1`,
  },
  {
    key: "attributedOrders",
    name: "私域订单",
    definition: "窗口内付款的订单中来自秒杀、拼团或核销了思域发的券的订单数。",
    format: "count",
    timeColumn: "o.paid_at",
    sql: `select {bucket} as bucket, count(*)::bigint as value from orders o where ${PAID_IN_WINDOW} and (o.source in ('flash_sale', 'group_buy') or exists (select 1 from coupons c where c.redeemed_order_id = o.id)) group by 1`,
  },
  {
    key: "membersReached",
    name: "触达人数",
    definition: "窗口内私聊收到至少一条营销消息（推送、召回、内容、提醒、公告）的会员数。",
    format: "count",
    timeColumn: "d.sent_at",
    sql: `select {bucket} as bucket, count(distinct d.member_id)::bigint as value from deliveries d where d.status = 'sent' and d.sent_at >= $1 and d.sent_at < $2 and d.member_id is not null and d.kind in ${MARKETING_KINDS} group by 1`,
  },
  {
    key: "couponClaims",
    name: "领券",
    definition: "窗口内发到会员手里的券数（领券、推送、召回、新人礼）。",
    format: "count",
    timeColumn: "c.issued_at",
    sql: "select {bucket} as bucket, count(*)::bigint as value from coupons c where c.issued_at >= $1 and c.issued_at < $2 group by 1",
  },
  {
    key: "couponRedemptions",
    name: "核销",
    definition: "窗口内被订单或运营核销的券数。",
    format: "count",
    timeColumn: "c.redeemed_at",
    sql: "select {bucket} as bucket, count(*)::bigint as value from coupons c where c.redeemed_at >= $1 and c.redeemed_at < $2 group by 1",
  },
];

export const DERIVED_METRICS: readonly DerivedMetric[] = [
  {
    key: "averageOrderCents",
    name: "客单价",
    definition: "成交额 ÷ 付款订单数。",
    format: "money",
    ratio: ["gmvCents", "paidOrders"],
  },
  {
    key: "conversion",
    name: "私域转化率",
    definition: "私域订单数 ÷ 触达人数（同一窗口）。",
    format: "ratio",
    ratio: ["attributedOrders", "membersReached"],
  },
];

export const METRICS: readonly (CountedMetric | DerivedMetric)[] = [...COUNTED_METRICS, ...DERIVED_METRICS];

export function metricByKey(key: MetricKey): CountedMetric | DerivedMetric {
  return METRICS.find((m) => m.key === key)!;
}

export type Bucket = "window" | "day" | "hour";

/** The metric's SQL with its bucket filled in; $1, $2 the window, $3 the community's time zone for days. */
export function metricSql(metric: CountedMetric, bucket: Bucket): string {
  const expression =
    bucket === "window"
      ? "'window'::text"
      : bucket === "day"
        ? `((${metric.timeColumn}) at time zone $3::text)::date::text`
        : `date_trunc('hour', ${metric.timeColumn})`;
  return metric.sql.replace("{bucket}", expression);
}

export type Figures = Record<MetricKey, number>;

/** The derived metrics from the counted ones. */
export function withDerived(counted: Record<CountedKey, number>): Figures {
  const figures = { ...counted } as Figures;
  for (const metric of DERIVED_METRICS) {
    const [top, bottom] = metric.ratio;
    const denominator = counted[bottom];
    figures[metric.key] =
      denominator === 0 ? 0 : metric.format === "money" ? Math.round(counted[top] / denominator) : counted[top] / denominator;
  }
  return figures;
}
