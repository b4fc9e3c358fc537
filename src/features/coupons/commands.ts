import { z } from "zod";
import { wholeArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { claimCoupon } from "./claim-coupon.js";
import { createCouponTemplate, listCouponTemplates } from "./create-coupon-template.js";
import { dropCoupons } from "./drop-coupons.js";
import { listMemberCoupons } from "./list-member-coupons.js";
import { redeemCoupon } from "./redeem-coupon.js";
import { parseNewTemplateWords, ZNewTemplateArgs } from "./rules/coupon-template.js";
import { couponTexts as texts } from "./texts.js";

export const couponNew = defineCommand({
  name: "coupon.new",
  aliases: { zh: ["券 新建"], en: ["coupon new"] },
  usage: "券 新建 名称 满减|立减|新人 面额30 [门槛200] [有效30] [总量1000] [每人1]",
  help: "新建券模板（金额单位：元）",
  role: "operator",
  args: ZNewTemplateArgs,
  parseArgs: (raw) => parseNewTemplateWords(raw.words),
  async run({ args, app, reply }) {
    const outcome = await createCouponTemplate(app, {
      name: args.name,
      kind: args.kind,
      valueCents: args.面额,
      minSpendCents: args.门槛,
      validDays: args.有效,
      totalQuota: args.总量,
      perMemberLimit: args.每人,
    });
    if (outcome.kind === "nameTaken") {
      await reply(texts.nameTaken(args.name));
      return "refused: name taken";
    }
    await reply(texts.created(outcome.template));
    return `created template ${outcome.template.id}`;
  },
});

export const couponList = defineCommand({
  name: "coupon.list",
  aliases: { zh: ["券 列表"], en: ["coupon list", "coupons"] },
  usage: "券 列表",
  help: "列出券模板和发放数量",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.templates(await listCouponTemplates(app)));
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
    const outcome = await dropCoupons(app, {
      templateName: args.template,
      roomId: room!.id,
      quantity: args.quantity,
      createdById: member.id,
      at: app.clock.now(),
    });
    if (outcome.kind === "notFound") {
      await reply(texts.noSuchTemplate(args.template, outcome.names));
      return "refused: no template";
    }
    if (outcome.kind === "quotaExceeded") {
      await reply(texts.quotaLeft(args.template, outcome.left));
      return "refused: quota";
    }
    await reply(texts.dropped(outcome.template, args.quantity));
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
  async run({ app, room, member, reply, replyPrivately }) {
    const outcome = await claimCoupon(app, { roomId: room!.id, memberId: member.id, at: app.clock.now() });
    switch (outcome.kind) {
      case "claimed":
        await replyPrivately(texts.claimed(outcome.template.name, outcome.coupon, app.config.timeZone));
        return "claimed";
      case "alreadyClaimed":
        await replyPrivately(texts.alreadyClaimed(outcome.coupon.code));
        return "already";
      case "noDrop":
        await reply(texts.noDrop, texts.claimOutcomes.noDrop);
        return "no drop";
      case "soldOut":
        await reply(texts.allGone(outcome.template.name), texts.claimOutcomes.allGone(outcome.template.name));
        return "sold out";
      case "memberLimit":
        await reply(
          texts.memberLimit(outcome.template.name, outcome.template.perMemberLimit),
          texts.claimOutcomes.memberLimit(outcome.template.name, outcome.template.perMemberLimit),
        );
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
  async run({ app, member, replyPrivately }) {
    const coupons = await listMemberCoupons(app, { memberId: member.id, at: app.clock.now() });
    if (coupons.length === 0) {
      await replyPrivately(texts.noCoupons);
      return;
    }
    await replyPrivately(texts.mine(coupons, app.config.timeZone));
  },
});

export const couponRedeem = defineCommand({
  name: "coupon.redeem",
  aliases: { zh: ["核销"], en: ["redeem"] },
  usage: "核销 券码",
  help: "核销一张券（线下使用时）",
  role: "operator",
  args: z.object({ code: z.string({ message: "请写券码 / code" }).min(4, { message: "券码太短" }) }),
  positional: ["code"],
  async run({ args, app, reply }) {
    const outcome = await redeemCoupon(app, { code: args.code, at: app.clock.now() });
    if (outcome.kind === "redeemed") {
      await reply(texts.redeemed(outcome.template.name, outcome.coupon.code));
      return `redeemed ${outcome.coupon.code}`;
    }
    await reply(texts.refusals[outcome.kind]);
    return `refused: ${outcome.kind}`;
  },
});

export const couponCommands = [couponClaim, myCoupons, couponNew, couponList, couponDrop, couponRedeem];
