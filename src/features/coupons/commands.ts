import { z } from "zod";
import { noArgs, wholeArg } from "../../kernel/commands/args.js";
import { describeTemplate, parseNewTemplateWords, ZNewTemplateArgs } from "./rules/coupon-template.js";
import { formatPrice } from "../../kernel/text/money.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { claimCoupon } from "./claim-coupon.js";
import { createCouponTemplate, listCouponTemplates } from "./create-coupon-template.js";
import { dropCoupons } from "./drop-coupons.js";
import { listMemberCoupons } from "./list-member-coupons.js";
import { redeemCoupon } from "./redeem-coupon.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";

const DATE = "yyyy-MM-dd HH:mm";

export const couponNew = defineCommand({
  name: "coupon.new",
  aliases: { zh: ["券 新建"], en: ["coupon new"] },
  usage: "券 新建 名称 满减|立减|新人 面额30 [门槛200] [有效30] [总量1000] [每人1]",
  help: "新建券模板（金额单位：元）",
  role: "operator",
  scope: "both",
  args: ZNewTemplateArgs,
  parseArgs: (raw) => parseNewTemplateWords(raw.words),
  async run({ args, app, reply }) {
    const outcome = await createCouponTemplate(app.db, {
      name: args.name,
      kind: args.kind,
      valueCents: args.面额,
      minSpendCents: args.门槛,
      validDays: args.有效,
      totalQuota: args.总量,
      perMemberLimit: args.每人,
    });
    if (outcome.kind === "nameTaken") {
      await reply(`已有名为「${args.name}」的券。/ Name taken.`);
      return "refused: name taken";
    }
    await reply(`已新建：${describeTemplate(outcome.template)} / Created.`);
    return `created template ${outcome.template.id}`;
  },
});

export const couponList = defineCommand({
  name: "coupon.list",
  aliases: { zh: ["券 列表"], en: ["coupon list", "coupons"] },
  usage: "券 列表",
  help: "列出券模板和发放数量",
  role: "operator",
  scope: "both",
  args: noArgs,
  async run({ app, reply }) {
    const templates = await listCouponTemplates(app.db);
    await reply(templates.length ? `券模板 / templates:\n${templates.map((t) => `· ${describeTemplate(t)}`).join("\n")}` : "还没有券模板。");
    return "ok";
  },
});

export const couponDrop = defineCommand({
  name: "coupon.drop",
  aliases: { zh: ["发券"], en: ["drop"] },
  usage: "发券 券名 数量",
  help: "在本群放出若干张券，成员发送「领券」先到先得",
  role: "operator",
  scope: "group",
  args: z.object({ template: z.string({ message: "请写券名，如 满200减30" }), quantity: wholeArg("数量", 1, 100_000) }),
  positional: ["template", "quantity"],
  async run({ args, app, room, member, reply }) {
    const outcome = await dropCoupons(app.db, {
      templateName: args.template,
      roomId: room!.id,
      quantity: args.quantity,
      createdById: member.id,
      at: app.clock.now(),
    });
    if (outcome.kind === "noTemplate") {
      await reply(`没有「${snippet(args.template, MAX_QUOTE)}」这种券。可用：${outcome.names.join("、")} / No such template.`);
      return "refused: no template";
    }
    if (outcome.kind === "quotaExceeded") {
      await reply(`「${args.template}」只剩 ${outcome.left} 张额度。/ Quota exceeded.`);
      return "refused: quota";
    }
    await reply(`🎁 ${outcome.template.name} ${args.quantity} 张已放出！${describeTemplate(outcome.template).split("：")[1]!.split("，")[0]}，发送「领券」先到先得，每人一张。`);
    return `dropped ${args.quantity} of ${outcome.template.name} (drop ${outcome.drop.id})`;
  },
});

export const couponClaim = defineCommand({
  name: "coupon.claim",
  aliases: { zh: ["领券"], en: ["claim"] },
  usage: "领券",
  help: "领取本群放出的券（券码私聊发你）",
  role: "member",
  scope: "group",
  args: noArgs,
  async run({ app, room, member, reply, replyPrivately }) {
    const outcome = await claimCoupon(app.db, { roomId: room!.id, memberId: member.id, at: app.clock.now() });
    switch (outcome.kind) {
      case "claimed":
        await replyPrivately(
          `领券成功！「${outcome.template.name}」券码：${outcome.coupon.code}，有效期至 ${formatLocal(outcome.coupon.expiresAt, app.config.timeZone, DATE)}。下单时填写券码即可使用。`,
        );
        return "claimed";
      case "alreadyClaimed":
        await replyPrivately(`你已经领过这张券了：${outcome.coupon.code}。/ Already claimed.`);
        return "already";
      case "noDrop":
        await reply("本群现在没有可领的券。/ No coupons here right now.");
        return "no drop";
      case "soldOut":
        await reply(`「${outcome.template.name}」已领完，下次早点来哦。/ All gone.`);
        return "sold out";
      case "memberLimit":
        await reply(`「${outcome.template.name}」每人限领 ${outcome.template.perMemberLimit} 张，你已领满。`);
        return "member limit";
    }
  },
});

export const myCoupons = defineCommand({
  name: "coupon.mine",
  aliases: { zh: ["我的券"], en: ["mycoupons"] },
  usage: "我的券",
  help: "查看你未使用、未过期的券（私聊回复）",
  role: "member",
  scope: "both",
  args: noArgs,
  async run({ app, member, replyPrivately }) {
    const coupons = await listMemberCoupons(app.db, { memberId: member.id, at: app.clock.now() });
    if (coupons.length === 0) {
      await replyPrivately("你现在没有可用的券。/ No coupons.");
      return;
    }
    const lines = coupons.map(
      (c) =>
        `· ${c.template.name} ${c.code}（${c.template.minSpendCents > 0 ? `满${formatPrice(c.template.minSpendCents)}可用，` : ""}${formatLocal(c.expiresAt, app.config.timeZone, DATE)} 到期）`,
    );
    await replyPrivately(`你的券 / your coupons:\n${lines.join("\n")}`);
  },
});

const REFUSALS = {
  notFound: "没有这个券码。/ No such code.",
  notOwner: "这张券不属于下单人。/ Not the owner's coupon.",
  expired: "这张券已过期。/ Expired.",
  belowMinSpend: "未达到使用门槛。/ Below minimum spend.",
  alreadyRedeemed: "这张券已经用过了。/ Already redeemed.",
} as const;

export const couponRedeem = defineCommand({
  name: "coupon.redeem",
  aliases: { zh: ["核销"], en: ["redeem"] },
  usage: "核销 券码",
  help: "核销一张券（线下使用时）",
  role: "operator",
  scope: "both",
  args: z.object({ code: z.string({ message: "请写券码 / code" }).min(4, { message: "券码太短" }) }),
  positional: ["code"],
  async run({ args, app, reply }) {
    const outcome = await redeemCoupon(app.db, { code: args.code, at: app.clock.now() });
    if (outcome.kind === "redeemed") {
      await reply(`已核销：${outcome.template.name} ${outcome.coupon.code}。/ Redeemed.`);
      return `redeemed ${outcome.coupon.code}`;
    }
    await reply(REFUSALS[outcome.kind]);
    return `refused: ${outcome.kind}`;
  },
});

export const couponCommands = [couponClaim, myCoupons, couponNew, couponList, couponDrop, couponRedeem];
