import { z } from "zod";
import { formatPrice, parseYuan } from "../../../kernel/text/money.js";

export const COUPON_KINDS = ["threshold", "flat", "new_member"] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

export const COUPON_KIND_LABELS: Record<CouponKind, string> = { threshold: "满减", flat: "立减", new_member: "新人" };

export interface CouponTemplateView {
  name: string;
  kind: CouponKind;
  valueCents: number;
  minSpendCents: number;
  validDays: number;
  totalQuota: number | null;
  perMemberLimit: number | null;
  issuedCount?: number;
}

/** One line describing a template, e.g. "满200减30：满¥200减¥30，30天有效，已发 12/100". */
export function describeTemplate(t: CouponTemplateView): string {
  const rule = t.minSpendCents > 0 ? `满${formatPrice(t.minSpendCents)}减${formatPrice(t.valueCents)}` : `立减${formatPrice(t.valueCents)}`;
  const quota = t.totalQuota === null ? "不限量" : `限${t.totalQuota}张`;
  const issued = t.issuedCount === undefined ? "" : `，已发${t.issuedCount}`;
  const perMember = t.perMemberLimit === null ? "" : `，每人限${t.perMemberLimit}张`;
  return `${t.name}（${COUPON_KIND_LABELS[t.kind]}）：${rule}，${t.validDays}天有效，${quota}${perMember}${issued}`;
}

/** The largest amount a template may name: ¥100,000 (a typo of extra zeros is refused, not issued). */
export const MAX_TEMPLATE_CENTS = 10_000_000;

// The same money words as a sale's price: ¥/￥/元, full-width digits, thousands separators.
const yuan = (what: string) =>
  z
    .string({ message: `请写${what}（元）` })
    .transform((v, ctx) => {
      const cents = parseYuan(v);
      if (cents === undefined) ctx.addIssue({ code: "custom", message: `${what}要写金额，如 30 或 19.9 / must be an amount` });
      return cents ?? 0;
    })
    .refine((cents) => cents <= MAX_TEMPLATE_CENTS, { message: `${what}最多 ¥100,000 / at most ¥100,000` });

/** A whole number from `min` to `max`; the bounds keep a typo of extra digits out of the database's int columns. */
const count = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `${what}要写数字 / must be a number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${what}要在 ${min}–${max.toLocaleString("en-US")} 之间 / ${min}–${max}` });

/** The most coupons one template may issue, and the most one member may hold of it. */
export const MAX_TEMPLATE_QUOTA = 10_000_000;
export const MAX_PER_MEMBER = 100;

/**
 * `#券 新建 名称 类型 面额 [门槛] [天数] [总量] [每人]` as key-value words:
 * `#券 新建 满300减50 满减 面额50 门槛300 有效30 总量1000 每人1`.
 */
export const ZNewTemplateArgs = z
  .object({
    name: z.string({ message: "请写券名，如 满300减50 / name" }).min(1).max(30, { message: "券名最多30个字" }),
    kind: z
      .string({ message: "请写类型：满减|立减|新人" })
      .refine((v) => ["满减", "立减", "新人", ...COUPON_KINDS].includes(v), { message: "类型只能是 满减|立减|新人" })
      .transform((v): CouponKind => (({ 满减: "threshold", 立减: "flat", 新人: "new_member" })[v] as CouponKind) ?? (v as CouponKind)),
    面额: yuan("面额").refine((v) => v > 0, { message: "面额要大于0" }),
    门槛: yuan("门槛").default(0),
    有效: count("有效天数", 1, 365).default(30),
    总量: count("总量", 1, MAX_TEMPLATE_QUOTA).optional(),
    每人: count("每人限领", 1, MAX_PER_MEMBER).optional(),
  })
  .refine((t) => t.kind !== "threshold" || t.门槛 > t.面额, {
    message: "满减券的门槛要大于面额，如 面额30 门槛200 / threshold must exceed the value",
    path: ["门槛"],
  });

/** Splits `名称 类型 面额30 门槛200 …` into the object ZNewTemplateArgs validates. */
export function parseNewTemplateWords(words: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const plain: string[] = [];
  for (const word of words) {
    const m = /^(面额|门槛|有效|总量|每人)[:：=]?(.+?)(天|张)?$/.exec(word);
    if (m) out[m[1]!] = m[2]!;
    else plain.push(word);
  }
  if (plain[0] !== undefined) out.name = plain[0];
  if (plain[1] !== undefined) out.kind = plain[1];
  return out;
}
