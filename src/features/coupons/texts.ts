// What people read about coupons: the replies to 券/发券/领券/我的券/核销, the welcome gift and the expiry
// reminder. Chinese first, the English alias after " / ". Pure formatting.

import type { ReplyOutcome } from "../../kernel/outbox/combine-replies.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";
import { formatPrice } from "../../kernel/text/money.js";
import { formatLocal } from "../../kernel/time/zone.js";
import type { RedeemRefusal } from "./redeem-coupon.js";
import { type CouponTemplateView, describeTemplate } from "./rules/coupon-template.js";

/** A coupon's expiry as members read it. */
const DATE = "yyyy-MM-dd HH:mm";

interface CouponView {
  code: string;
  expiresAt: Date;
}

export const couponTexts = {
  nameTaken: (name: string) => `已有名为「${name}」的券。/ Name taken.`,
  created: (t: CouponTemplateView) => `已新建：${describeTemplate(t)} / Created.`,
  templates: (templates: readonly CouponTemplateView[]) =>
    templates.length ? `券模板 / templates:\n${templates.map((t) => `· ${describeTemplate(t)}`).join("\n")}` : "还没有券模板。",
  /** 发券 with a template name that matches none, and the ones there are. */
  noSuchTemplate: (name: string, available: readonly string[]) =>
    `没有「${snippet(name, MAX_QUOTE)}」这种券。可用：${available.join("、")} / No such template.`,
  quotaLeft: (name: string, left: number) => `「${name}」只剩 ${left} 张额度。/ Quota exceeded.`,
  dropped: (t: CouponTemplateView, quantity: number) =>
    `🎁 ${t.name} ${quantity} 张已放出！${describeTemplate(t).split("：")[1]!.split("，")[0]}，发送「领券」先到先得，每人一张。`,
  claimed: (name: string, coupon: CouponView, zone: string) =>
    `领券成功！「${name}」券码：${coupon.code}，有效期至 ${formatLocal(coupon.expiresAt, zone, DATE)}。下单时填写券码即可使用。`,
  alreadyClaimed: (code: string) => `你已经领过这张券了：${code}。/ Already claimed.`,
  noDrop: "本群现在没有可领的券。/ No coupons here right now.",
  allGone: (name: string) => `「${name}」已领完，下次早点来哦。/ All gone.`,
  memberLimit: (name: string, limit: number | null) => `「${name}」每人限领 ${limit} 张，你已领满。`,
  /** A 领券 refused in a room, as the room hears it in a burst after the names (the reply digest). */
  claimOutcomes: {
    noDrop: { key: "noDrop", zh: "本群现在没有可领的券", en: "No coupons here right now" },
    allGone: (name: string): ReplyOutcome => ({ key: `allGone:${name}`, zh: `来晚了，「${name}」已领完`, en: "All gone" }),
    memberLimit: (name: string, limit: number | null): ReplyOutcome => ({
      key: `memberLimit:${name}`,
      zh: `「${name}」每人限领 ${limit} 张，已领满`,
      en: "Limit reached",
    }),
  } satisfies Record<string, ReplyOutcome | ((...args: never[]) => ReplyOutcome)>,
  noCoupons: "你现在没有可用的券。/ No coupons.",
  mine: (coupons: ReadonlyArray<CouponView & { template: { name: string; minSpendCents: number } }>, zone: string) =>
    `你的券 / your coupons:\n${coupons
      .map(
        (c) =>
          `· ${c.template.name} ${c.code}（${c.template.minSpendCents > 0 ? `满${formatPrice(c.template.minSpendCents)}可用，` : ""}${formatLocal(c.expiresAt, zone, DATE)} 到期）`,
      )
      .join("\n")}`,
  redeemed: (name: string, code: string) => `已核销：${name} ${code}。/ Redeemed.`,
  /** Why a code cannot be redeemed (核销). */
  refusals: {
    notFound: "没有这个券码。/ No such code.",
    notOwner: "这张券不属于下单人。/ Not the owner's coupon.",
    expired: "这张券已过期。/ Expired.",
    belowMinSpend: "未达到使用门槛。/ Below minimum spend.",
    alreadyRedeemed: "这张券已经用过了。/ Already redeemed.",
  } satisfies Record<RedeemRefusal, string>,
  /** Sent privately on a member's first-ever join. */
  welcome: (memberName: string, templateName: string, coupon: CouponView, zone: string) =>
    `${memberName}，欢迎加入！送你一张新人券「${templateName}」：${coupon.code}，有效期至 ${formatLocal(coupon.expiresAt, zone, DATE)}。发送「我的券」随时查看。`,
  /** Sent by the daily sweep to holders of coupons about to expire. */
  expiryReminder: (templateName: string, coupon: CouponView, zone: string) =>
    `你的「${templateName}」券 ${coupon.code} 将于 ${formatLocal(coupon.expiresAt, zone, "MM-dd HH:mm")} 过期，记得使用哦。回复「退订」不再接收。`,
};
