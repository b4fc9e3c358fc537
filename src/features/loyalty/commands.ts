import { z } from "zod";
import { mentionArg, wholeArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { checkIn } from "./check-in.js";
import { setBirthday } from "./drop-member-gifts.js";
import { listPendingGifts, markGiftSent } from "./gift-orders.js";
import { grantEarlyAccess } from "./grant-early-access.js";
import { getInviteCode, listMyInvites, rankInviters } from "./invite-members.js";
import { addExchangeItem, listExchangeItems, withdrawExchangeItem } from "./manage-exchange-catalogue.js";
import { createSpendLadder, listSpendLadders, rungsOf } from "./manage-spend-ladders.js";
import { listUsageTips, setUsageTip } from "./manage-usage-tips.js";
import { readLots } from "./points-ledger.js";
import { readLoyaltyReport } from "./read-loyalty-report.js";
import { readPoints } from "./read-points.js";
import { redeemExchangeItem } from "./redeem-exchange-item.js";
import { parseBirthday } from "./rules/birthday.js";
import { parseNewExchangeItemWords, ZNewExchangeItemArgs } from "./rules/exchange-args.js";
import { parseLadderWords } from "./rules/ladder-args.js";
import { availablePoints } from "./rules/lots.js";
import { parseTipText } from "./rules/tip-args.js";
import { answerSurvey } from "./run-layer-journeys.js";
import { loyaltyTexts as texts } from "./texts.js";

export const pointsBalance = defineCommand({
  name: "points",
  aliases: { zh: ["积分", "我的积分"], en: ["points"] },
  usage: "积分",
  help: "查看你的积分、快过期的积分和最近记录（私聊回复）",
  role: "member",
  async run({ app, member, replyPrivately }) {
    const summary = await readPoints(app, { memberId: member.id, at: app.clock.now() });
    await replyPrivately(texts.points(summary, app.config.timeZone));
    return `balance ${summary.balance}`;
  },
});

export const dailyCheckIn = defineCommand({
  name: "checkin",
  aliases: { zh: ["签到"], en: ["checkin"] },
  usage: "签到",
  help: "每日签到领积分，连签 7 天有奖励",
  role: "member",
  async run({ app, member, reply }) {
    const at = app.clock.now();
    const outcome = await checkIn(app, { memberId: member.id, at });
    if (outcome.kind === "alreadyCheckedIn") {
      await reply(texts.alreadyCheckedIn(outcome.streak), texts.checkInOutcomes.already);
      return "already";
    }
    const balance = availablePoints(await readLots(app.db, member.id), at);
    // In a burst (a morning's 签到 wave) the room hears one line naming everyone: the reply digest.
    await reply(texts.checkedIn(outcome, balance), texts.checkInOutcomes.checkedIn(outcome.points, outcome.bonus));
    return `checked in, streak ${outcome.streak}`;
  },
});

export const exchange = defineCommand({
  name: "exchange",
  aliases: { zh: ["兑换"], en: ["exchange"] },
  usage: "兑换 [编号]",
  help: "用积分兑换券或礼品：「兑换」看列表，「兑换 3」兑换",
  role: "member",
  args: z.object({ item: wholeArg("兑换编号").optional() }),
  positional: ["item"],
  async run({ args, app, member, room, reply, replyPrivately }) {
    const at = app.clock.now();
    if (args.item === undefined) {
      const [items, lots] = await Promise.all([listExchangeItems(app), readLots(app.db, member.id)]);
      await reply(texts.catalogue(items, availablePoints(lots, at)));
      return "listed";
    }
    const outcome = await redeemExchangeItem(app, { memberId: member.id, itemId: args.item, at });
    switch (outcome.kind) {
      case "redeemed": {
        const { coupon, item, balance } = outcome;
        await replyPrivately(
          coupon
            ? texts.redeemedCoupon(item.name, coupon.code, coupon.expiresAt, balance, app.config.timeZone)
            : texts.redeemedGift(item.name, outcome.giftOrder?.id, balance),
        );
        if (room) await reply(texts.redeemedInRoom);
        return `redeemed ${item.id} (redemption ${outcome.redemption.id})`;
      }
      case "notEnoughPoints":
        await reply(texts.notEnoughPoints(outcome.item.name, outcome.item.points, outcome.balance));
        return "not enough points";
      case "soldOut":
        await reply(texts.soldOut(outcome.item.name));
        return "sold out";
      case "withdrawn":
        await reply(texts.withdrawn(outcome.item.name));
        return "withdrawn";
      case "couponUnavailable":
        await reply(texts.couponUnavailable(outcome.item.name));
        return "coupon unavailable";
      case "notFound":
        await reply(texts.noSuchItem(args.item));
        return "not found";
    }
  },
});

export const exchangeAdd = defineCommand({
  name: "exchange.add",
  aliases: { zh: ["兑换 新增"], en: ["exchange add"] },
  usage: "兑换 新增 券名|礼品名 积分 [库存50] [礼品]",
  help: "上架一个积分兑换商品（券模板名，或加「礼品」）",
  role: "operator",
  args: ZNewExchangeItemArgs,
  parseArgs: (raw) => parseNewExchangeItemWords(raw.words),
  async run({ args, app, reply }) {
    const outcome = await addExchangeItem(app, args);
    if (outcome.kind === "noSuchTemplate") {
      await reply(texts.noSuchTemplate(args.name, outcome.names));
      return "refused: no template";
    }
    await reply(texts.itemAdded(outcome.item));
    return `added item ${outcome.item.id}`;
  },
});

export const exchangeWithdraw = defineCommand({
  name: "exchange.withdraw",
  aliases: { zh: ["兑换 下架"], en: ["exchange withdraw"] },
  usage: "兑换 下架 编号",
  help: "下架一个积分兑换商品",
  role: "operator",
  args: z.object({ item: wholeArg("兑换编号") }),
  positional: ["item"],
  async run({ args, app, reply }) {
    const outcome = await withdrawExchangeItem(app, { itemId: args.item });
    if (outcome.kind === "notFound") {
      await reply(texts.noSuchItem(args.item));
      return "not found";
    }
    await reply(texts.itemWithdrawn(outcome.item));
    return `withdrew ${args.item}`;
  },
});

export const invite = defineCommand({
  name: "invite",
  aliases: { zh: ["邀请"], en: ["invite"] },
  usage: "邀请",
  help: "老带新：你的邀请方式和邀请码（私聊回复）",
  role: "member",
  async run({ app, member, replyPrivately }) {
    const code = await getInviteCode(app, { memberId: member.id });
    const { points, stayDays } = app.config.loyalty.referral;
    await replyPrivately(texts.inviteText(code, points, stayDays));
    return "invite text";
  },
});

export const inviteLog = defineCommand({
  name: "invite.log",
  aliases: { zh: ["邀请 记录"], en: ["invite log"] },
  usage: "邀请 记录",
  help: "你邀请了谁、各得了多少积分（私聊回复）",
  role: "member",
  async run({ app, member, replyPrivately }) {
    const rows = await listMyInvites(app, { memberId: member.id });
    await replyPrivately(texts.invites(rows, app.config.timeZone));
    return `${rows.length} invites`;
  },
});

export const inviteRanking = defineCommand({
  name: "invite.top",
  aliases: { zh: ["邀请 排行"], en: ["invite top"] },
  usage: "邀请 排行",
  help: "邀请最多的成员，含下单和转化",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.inviters(await rankInviters(app)));
    return "ok";
  },
});

export const ladderAdd = defineCommand({
  name: "ladder.add",
  aliases: { zh: ["阶梯 新增"], en: ["ladder add"] },
  usage: "阶梯 新增 名称 1月1日-2月28日 3000:券名 5000:券名",
  help: "新建阶梯奖励：时间段内累计消费满额送券（每人每级一次，窗口内退款会收回）",
  role: "operator",
  // The window's year depends on today, so the words are read in the handler, with the clock.
  args: z.object({ words: z.array(z.string()).max(20, { message: "最多 18 级" }) }),
  parseArgs: (raw) => ({ words: raw.words }),
  async run({ args, app, reply }) {
    const parsed = parseLadderWords(args.words, { now: app.clock.now(), zone: app.config.timeZone });
    if (!parsed.ok) {
      await reply(parsed.problem);
      return "refused: bad ladder";
    }
    const outcome = await createSpendLadder(app, parsed.draft);
    if (outcome.kind === "nameTaken") {
      await reply(texts.ladderNameTaken(parsed.draft.name));
      return "refused: name taken";
    }
    await reply(texts.ladderCreated(outcome.ladder, rungsOf(outcome.ladder), app.config.timeZone));
    return `created ladder ${outcome.ladder.id}`;
  },
});

export const tipSet = defineCommand({
  name: "tip.set",
  aliases: { zh: ["贴士 设置"], en: ["tip set"] },
  usage: "贴士 设置 品类 内容",
  help: "设置某品类的使用贴士：首单 7 天后私发给买了该品类的成员（同一品类再设置即替换）",
  role: "operator",
  args: z.object({ text: z.string().max(2000) }),
  parseArgs: (raw) => ({ text: raw.text }),
  async run({ args, app, reply }) {
    const parsed = parseTipText(args.text);
    if (!parsed.ok) {
      await reply(parsed.problem);
      return "refused: bad tip";
    }
    const outcome = await setUsageTip(app, { category: parsed.category, text: parsed.text, at: app.clock.now() });
    await reply(texts.tipSet(parsed.category, outcome.replaced));
    return `tip set for ${parsed.category}`;
  },
});

export const tipList = defineCommand({
  name: "tip.list",
  aliases: { zh: ["贴士"], en: ["tips"] },
  usage: "贴士",
  help: "各品类的使用贴士（没设置的品类用默认文案）",
  role: "operator",
  async run({ app, reply }) {
    const rows = await listUsageTips(app);
    await reply(texts.tips(rows));
    return `${rows.length} tips`;
  },
});

export const ladderList = defineCommand({
  name: "ladder.list",
  aliases: { zh: ["阶梯"], en: ["ladders"] },
  usage: "阶梯",
  help: "进行中的阶梯奖励和各级已发人数",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.ladders(await listSpendLadders(app, { at: app.clock.now() }), app.config.timeZone));
    return "ok";
  },
});

export const earlyAccess = defineCommand({
  name: "flash.early",
  aliases: { zh: ["优先购"], en: ["early"] },
  usage: "优先购 秒杀编号 等级|分层 [分钟30]",
  help: "让某等级（及以上）或某分层的成员提前 N 分钟抢秒杀（0 取消）",
  role: "operator",
  args: z.object({
    sale: wholeArg("秒杀编号"),
    audience: z.string({ message: "请写等级或分层，如 金卡、高价值" }).max(20),
    minutes: z
      .string()
      .optional()
      .transform((v) => (v === undefined ? "30" : v.endsWith("分钟") ? v.slice(0, -2) : v))
      .pipe(wholeArg("分钟", 0, 24 * 60)),
  }),
  positional: ["sale", "audience", "minutes"],
  async run({ args, app, reply }) {
    const { outcome, members } = await grantEarlyAccess(app, { saleId: args.sale, audience: args.audience, minutes: args.minutes });
    switch (outcome.kind) {
      case "set":
        await reply(texts.earlyAccessSet(args.sale, args.audience, args.minutes, members, outcome.opensAt, app.config.timeZone));
        return `early access ${args.minutes} min for ${members}`;
      case "alreadyStarted":
        await reply(texts.earlyAccessStarted(args.sale));
        return "refused: started";
      case "unknownAudience":
        await reply(texts.earlyAccessAudience(outcome.choices));
        return "refused: audience";
      default:
        await reply(texts.earlyAccessNoSale(args.sale));
        return "not found";
    }
  },
});

const birthdayArg = z
  .string({ message: "请写生日，如 生日 3-15" })
  .max(12)
  // A word starting with a digit is an attempt at a date (2-30 gets the hint from the handler); anything
  // else after a bare 生日 (「生日 快乐」) is chatter, as the router treats a member's words that do not parse.
  .refine((v) => v.charAt(0) >= "0" && v.charAt(0) <= "9", { message: texts.birthdayBad });

export const birthday = defineCommand({
  name: "birthday",
  aliases: { zh: ["生日"], en: ["birthday"] },
  usage: "生日 3-15",
  help: "登记你的生日（一次），当天送生日礼",
  role: "member",
  args: z.object({ date: birthdayArg }),
  positional: ["date"],
  async run({ args, app, member, replyPrivately }) {
    const date = parseBirthday(args.date);
    if (!date) {
      await replyPrivately(texts.birthdayBad);
      return "refused: bad date";
    }
    const outcome = await setBirthday(app, { memberId: member.id, ...date, byOperator: false, at: app.clock.now() });
    await replyPrivately(
      outcome.kind === "set" ? texts.birthdaySet(outcome.month, outcome.day) : texts.birthdayAlreadySet(outcome.month, outcome.day),
    );
    return outcome.kind;
  },
});

export const birthdayFor = defineCommand({
  name: "birthday.set",
  aliases: { zh: ["生日 设置"], en: ["birthday set"] },
  usage: "生日 设置 @某人 3-15",
  help: "修改一位成员登记的生日",
  role: "operator",
  args: z.object({ target: mentionArg("要修改生日的人"), date: birthdayArg }),
  positional: ["target", "date"],
  async run({ args, app, findMember, reply }) {
    const found = await findMember(args.target);
    if (found.kind !== "found") {
      await reply(texts.noSuchMember);
      return `refused: ${found.kind}`;
    }
    const date = parseBirthday(args.date);
    if (!date) {
      await reply(texts.birthdayBad);
      return "refused: bad date";
    }
    await setBirthday(app, { memberId: found.member.id, ...date, byOperator: true, at: app.clock.now() });
    await reply(texts.birthdaySetFor(found.member.name, date.month, date.day));
    return "set";
  },
});

export const surveyAnswer = defineCommand({
  name: "survey",
  aliases: { zh: ["调研"], en: ["survey"] },
  usage: "调研 1|2|3|4",
  help: "回答回访调研（1 价格 2 质量 3 不需要了 4 其他）",
  role: "member",
  args: z.object({ answer: wholeArg("答案", 1, 4) }),
  positional: ["answer"],
  async run({ args, app, member, replyPrivately }) {
    const outcome = await answerSurvey(app, { memberId: member.id, answer: args.answer as 1 | 2 | 3 | 4, at: app.clock.now() });
    await replyPrivately(outcome.kind === "answered" ? texts.surveyThanks(outcome.ticketId) : texts.surveyNotAsked);
    return outcome.kind === "answered" ? outcome.tag : "not asked";
  },
});

export const loyaltyReport = defineCommand({
  name: "points.report",
  aliases: { zh: ["积分 报告"], en: ["points report"] },
  usage: "积分 报告",
  help: "积分发放、兑换、过期和未用（负债），各等级人数，邀请、阶梯和调研",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.report(await readLoyaltyReport(app)));
    return "ok";
  },
});

export const giftList = defineCommand({
  name: "gift.list",
  aliases: { zh: ["礼品"], en: ["gifts"] },
  usage: "礼品",
  help: "待发的礼品（兑换的礼品、阶梯奖励的礼品），最早的在前",
  role: "operator",
  async run({ app, reply }) {
    const list = await listPendingGifts(app);
    await reply(texts.pendingGifts(list, app.config.timeZone));
    return `${list.total} pending`;
  },
});

export const giftSent = defineCommand({
  name: "gift.sent",
  aliases: { zh: ["礼品 已发"], en: ["gift sent"] },
  usage: "礼品 已发 礼品单号",
  help: "礼品发出后标记，并私聊告诉成员",
  role: "operator",
  args: z.object({ id: wholeArg("礼品单号") }),
  positional: ["id"],
  async run({ args, app, member, reply }) {
    const outcome = await markGiftSent(app, { giftOrderId: args.id, operatorId: member.id, at: app.clock.now() });
    switch (outcome.kind) {
      case "sent":
        await reply(texts.giftMarkedSent(outcome.gift.id, outcome.memberName, outcome.gift.giftName));
        return `gift ${args.id} sent`;
      case "alreadySent":
        await reply(texts.giftAlreadySent(args.id));
        return "already sent";
      case "cancelled":
        await reply(texts.giftCancelled(args.id));
        return "cancelled";
      case "notFound":
        await reply(texts.noSuchGift(args.id));
        return "not found";
    }
  },
});

export const loyaltyMemberCommands = [dailyCheckIn, pointsBalance, exchange, invite, inviteLog, birthday, surveyAnswer];
export const loyaltyOperatorCommands = [
  exchangeAdd,
  exchangeWithdraw,
  inviteRanking,
  ladderAdd,
  ladderList,
  tipSet,
  tipList,
  earlyAccess,
  birthdayFor,
  giftList,
  giftSent,
  loyaltyReport,
];
