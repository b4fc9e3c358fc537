// What people read about loyalty: 积分, 签到, 兑换, level-ups and the expiry reminder. Chinese first, the
// English alias after " / ". Pure formatting.
import type { PointSource } from "../../kernel/db/generated/client.js";
import type { ReplyOutcome } from "../../kernel/outbox/combine-replies.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";
import { formatPrice, formatYuan } from "../../kernel/text/money.js";
import { formatLocal } from "../../kernel/time/zone.js";
import type { LoyaltyReport } from "./read-loyalty-report.js";
import type { LevelRule } from "./rules/levels.js";

const SOURCE_WORDS: Record<PointSource, string> = {
  order: "订单",
  order_reversal: "退款扣回",
  checkin: "签到",
  checkin_streak: "连签奖励",
  referral: "邀请奖励",
  referral_reversal: "邀请扣回",
  redeem: "兑换",
  redeem_release: "兑换退回",
  expiry: "过期",
  adjust: "调整",
  poll_vote: "投票",
  live_reservation: "预约直播",
};

const REFERRAL_WORDS: Record<string, string> = {
  noOrder: "未下单",
  pending: "已下单，待确认",
  rewarded: "已奖励",
  capped: "本月奖励已满",
  void: "未达成",
  reversed: "已退款扣回",
};

interface ItemView {
  id: number;
  name: string;
  points: number;
  stock: number | null;
  redeemedCount: number;
  giftName?: string | null;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** What each level brings, by its rank (0 = the lowest): the benefits that exist in Siyu. */
function benefitsOf(rank: number, top: number): string {
  const benefits = ["积分兑换"];
  if (rank >= 1) benefits.push("会员日专享券");
  if (rank >= 2) benefits.push("生日礼");
  if (rank >= top && top > 0) benefits.push("新品优先购");
  return benefits.join("、");
}

export const loyaltyTexts = {
  points: (
    s: {
      balance: number;
      nextExpiry?: { at: Date; points: number };
      level?: string;
      recent: ReadonlyArray<{ points: number; source: PointSource; at: Date }>;
    },
    zone: string,
  ) =>
    [
      `你的积分 / points：${s.balance}${s.level ? `（等级 ${s.level}）` : ""}`,
      s.nextExpiry ? `${formatLocal(s.nextExpiry.at, zone, "yyyy-MM-dd")} 将有 ${s.nextExpiry.points} 分过期。` : null,
      s.recent.length
        ? `最近 / recent:\n${s.recent.map((e) => `· ${formatLocal(e.at, zone, "MM-dd")} ${SOURCE_WORDS[e.source]} ${signed(e.points)}`).join("\n")}`
        : "还没有积分记录：下单、签到都能攒积分。/ No entries yet.",
      "发送「兑换」看看能换什么。",
    ]
      .filter(Boolean)
      .join("\n"),
  checkedIn: (o: { points: number; bonus: number; streak: number }, balance: number) =>
    `签到成功 +${o.points}${o.bonus ? `，连签 ${o.streak} 天奖励 +${o.bonus}` : `，已连签 ${o.streak} 天`}，共 ${balance} 分。/ Checked in.`,
  /** 签到 in a room, as the room hears it in a burst after the names (the reply digest). */
  checkInOutcomes: {
    checkedIn: (points: number, bonus: number): ReplyOutcome =>
      bonus
        ? { key: `streak:${points}:${bonus}`, zh: `签到成功 +${points}，连签 7 天奖励 +${bonus}`, en: "Checked in, streak bonus" }
        : { key: `checkedIn:${points}`, zh: `签到成功 +${points}`, en: "Checked in" },
    already: { key: "already", zh: "今天已经签到过了", en: "Already checked in today", order: 1 } satisfies ReplyOutcome,
  },
  alreadyCheckedIn: (streak: number) => `今天已经签到过了（已连签 ${streak} 天），明天再来。/ Already checked in today.`,
  catalogue: (items: readonly ItemView[], balance: number) =>
    items.length
      ? `积分兑换 / exchange（你有 ${balance} 分）：\n${items
          .map((i) => `${i.id}. ${i.name} ${i.points} 分${i.stock !== null ? `（剩 ${Math.max(i.stock - i.redeemedCount, 0)}）` : ""}`)
          .join("\n")}\n发送「兑换 编号」兑换，如「兑换 ${items[0]!.id}」。`
      : "现在没有可兑换的商品。/ Nothing to exchange right now.",
  redeemedCoupon: (name: string, code: string, expiresAt: Date, balance: number, zone: string) =>
    `兑换成功！「${name}」券码：${code}，有效期至 ${formatLocal(expiresAt, zone, "yyyy-MM-dd HH:mm")}，剩余 ${balance} 分。/ Redeemed.`,
  redeemedGift: (name: string, giftOrderId: number | undefined, balance: number) =>
    `兑换成功！「${name}」将由客服联系你安排${giftOrderId ? `（礼品单 ${giftOrderId}）` : ""}，剩余 ${balance} 分。/ Redeemed.`,
  giftOnItsWay: (name: string) => `你的「${snippet(name, MAX_QUOTE)}」已安排发出，请留意查收。/ Your gift is on its way.`,
  pendingGifts: (
    list: { total: number; gifts: ReadonlyArray<{ id: number; memberName: string; giftName: string; createdAt: Date }> },
    zone: string,
  ) =>
    list.total
      ? `待发礼品 / gifts to send（${list.total}）：\n${list.gifts
          .map(
            (g) =>
              `${g.id}. ${snippet(g.memberName, MAX_QUOTE)} · ${snippet(g.giftName, MAX_QUOTE)} · ${formatLocal(g.createdAt, zone, "MM-dd HH:mm")}`,
          )
          .join(
            "\n",
          )}${list.total > list.gifts.length ? `\n…还有 ${list.total - list.gifts.length} 个` : ""}\n发出后发送「礼品 已发 编号」，会私聊告诉成员。`
      : "没有待发的礼品。/ No gifts to send.",
  giftMarkedSent: (id: number, memberName: string, giftName: string) =>
    `礼品单 ${id}（${snippet(memberName, MAX_QUOTE)} · ${snippet(giftName, MAX_QUOTE)}）已标记发出，已私聊告诉成员。/ Marked sent.`,
  giftAlreadySent: (id: number) => `礼品单 ${id} 之前已标记发出。/ Already sent.`,
  giftCancelled: (id: number) => `礼品单 ${id} 已取消（对应的奖励已收回），不用发了。/ Cancelled.`,
  noSuchGift: (id: number) => `没有礼品单 ${id}，发送「礼品」查看待发的。/ No such gift order.`,
  redeemedInRoom: "兑换成功，详情已私聊发你。/ Redeemed: see your private chat.",
  notEnoughPoints: (name: string, cost: number, balance: number) =>
    `「${name}」需要 ${cost} 分，你现在有 ${balance} 分。/ Not enough points.`,
  soldOut: (name: string) => `「${name}」已兑完。/ Sold out.`,
  withdrawn: (name: string) => `「${name}」已下架。/ Withdrawn.`,
  noSuchItem: (id: number) => `没有编号 ${id} 的兑换商品，发送「兑换」查看列表。/ No such item.`,
  couponUnavailable: (name: string) => `「${name}」的券发完了，积分已退回。/ Coupon unavailable, points returned.`,
  itemAdded: (i: ItemView) =>
    `已上架 ${i.id}. ${i.name} ${i.points} 分${i.stock !== null ? `，库存 ${i.stock}` : ""}${i.giftName ? "（礼品）" : ""}。/ Added.`,
  noSuchTemplate: (name: string, names: readonly string[]) =>
    `没有「${snippet(name, MAX_QUOTE)}」这种券。可用：${names.join("、")}；礼品请在最后加「礼品」。/ No such coupon template.`,
  itemWithdrawn: (i: ItemView) => `已下架 ${i.id}. ${i.name}。/ Withdrawn.`,
  levelUp: (level: string, levels: readonly LevelRule[]) => {
    const rank = levels.findIndex((l) => l.name === level);
    return `恭喜升级为「${level}」会员！你的权益：${benefitsOf(rank, levels.length - 1)}。发送「积分」查看。/ Level up: ${level}.`;
  },
  inviteText: (code: string, points: number, stayDays: number) =>
    `邀请好友 / invite：在群里把好友拉进群即可（新朋友才算）。好友首单付款且 ${stayDays} 天后仍在群里，你们各得 ${points} 积分。\n你的邀请码：${code}（好友在商城下单时填写）。发送「邀请 记录」查看你的邀请。`,
  invites: (rows: ReadonlyArray<{ name: string; joinedAt: Date; status: string; points: number }>, zone: string) =>
    rows.length
      ? `你的邀请 / your invites:\n${rows
          .map(
            (r) =>
              `· ${snippet(r.name, MAX_QUOTE)} ${formatLocal(r.joinedAt, zone, "MM-dd")} 入群，${REFERRAL_WORDS[r.status] ?? r.status}${r.points ? ` +${r.points}` : ""}`,
          )
          .join("\n")}`
      : "你还没有邀请过好友：把好友拉进群就算。/ No invites yet.",
  inviters: (rows: ReadonlyArray<{ name: string; invited: number; ordered: number; rewarded: number }>) =>
    rows.length
      ? `邀请排行 / top inviters（邀请 · 下单 · 奖励 · 转化）:\n${rows
          .map(
            (r, i) =>
              `${i + 1}. ${snippet(r.name, MAX_QUOTE)} ${r.invited} · ${r.ordered} · ${r.rewarded} · ${Math.round((100 * r.ordered) / r.invited)}%`,
          )
          .join("\n")}`
      : "还没有人邀请过好友。/ No referrals yet.",
  referralRewardedInviter: (inviteeName: string, points: number) =>
    `你邀请的 ${snippet(inviteeName, MAX_QUOTE)} 已完成首单，送你 ${points} 积分！发送「积分」查看。/ Referral rewarded.`,
  referralRewardedInvitee: (points: number) => `欢迎加入！首单已完成，送你 ${points} 积分。发送「兑换」看看能换什么。/ Welcome points.`,
  /** `given`: the rung's coupon code, or the gift order operators hand it out by (none: a coupon that could not be issued). */
  ladderGranted: (ladder: string, cents: number, reward: string, given: { code: string } | { giftOrderId?: number }) =>
    `「${ladder}」累计消费满 ${formatYuan(cents)} 元，送你「${reward}」${
      "code" in given ? `，券码：${given.code}` : `，客服会联系你发放${given.giftOrderId ? `（礼品单 ${given.giftOrderId}）` : ""}`
    }。/ Spend ladder reward.`,
  ladderCreated: (
    l: { id: number; name: string; startsAt: Date; endsAt: Date },
    rungs: ReadonlyArray<{ cents: number; reward: string }>,
    zone: string,
  ) =>
    `已新建阶梯 ${l.id}「${l.name}」${formatLocal(l.startsAt, zone, "yyyy-MM-dd")} 至 ${formatLocal(l.endsAt, zone, "yyyy-MM-dd")}：${rungs
      .map((r) => `满${formatYuan(r.cents)}元送${r.reward}`)
      .join("，")}。/ Ladder created.`,
  ladderNameTaken: (name: string) => `已有名为「${snippet(name, MAX_QUOTE)}」的阶梯。/ Name taken.`,
  ladders: (
    rows: ReadonlyArray<{
      ladder: { id: number; name: string; startsAt: Date; endsAt: Date };
      rungs: ReadonlyArray<{ cents: number; reward: string; granted: number }>;
    }>,
    zone: string,
  ) =>
    rows.length
      ? `阶梯奖励 / spend ladders:\n${rows
          .map(
            (r) =>
              `${r.ladder.id}. ${r.ladder.name} ${formatLocal(r.ladder.startsAt, zone, "MM-dd")}~${formatLocal(r.ladder.endsAt, zone, "MM-dd")}：${r.rungs
                .map((g) => `满${formatYuan(g.cents)}送${g.reward}（${g.granted} 人）`)
                .join("，")}`,
          )
          .join("\n")}`
      : "没有进行中的阶梯奖励。/ No spend ladders.",
  earlyAccessSet: (saleId: number, audience: string, minutes: number, members: number, opensAt: Date, zone: string) =>
    minutes > 0
      ? `秒杀 ${saleId} 将对「${snippet(audience, MAX_QUOTE)}」${members} 人提前 ${minutes} 分钟开抢（${formatLocal(opensAt, zone)}）。/ Early access set.`
      : `秒杀 ${saleId} 已取消优先购。/ Early access removed.`,
  earlyAccessStarted: (saleId: number) => `秒杀 ${saleId} 已经开始或结束，不能再设优先购。/ Already started.`,
  earlyAccessNoSale: (saleId: number) => `没有秒杀 ${saleId}。/ No such flash sale.`,
  earlyAccessAudience: (choices: readonly string[]) => `优先购的对象要写等级或分层：${choices.join("、")}。/ Unknown level or layer.`,
  memberDayGift: (name: string, code: string, expiresAt: Date, zone: string) =>
    `今天是会员日！送你一张「${name}」：${code}，有效期至 ${formatLocal(expiresAt, zone, "yyyy-MM-dd")}。回复「退订」不再接收。`,
  birthdayGift: (name: string, code: string, expiresAt: Date, zone: string) =>
    `生日快乐🎂！送你一张生日礼券「${name}」：${code}，有效期至 ${formatLocal(expiresAt, zone, "yyyy-MM-dd")}。回复「退订」不再接收。`,
  birthdaySet: (month: number, day: number) => `已记下你的生日 ${month}月${day}日，当天有惊喜。/ Birthday saved.`,
  birthdaySetFor: (name: string, month: number, day: number) =>
    `已把 ${snippet(name, MAX_QUOTE)} 的生日设为 ${month}月${day}日。/ Birthday set.`,
  birthdayAlreadySet: (month: number, day: number) => `你的生日已经登记为 ${month}月${day}日，要修改请联系客服。/ Already set.`,
  noSuchMember: "找不到这位成员，请@对方。/ No such member.",
  birthdayBad: "生日要写成 月-日，如「生日 3-15」，日期要存在。/ Write it as month-day, e.g. 3-15.",
  /** The operator's template for the category when there is one (the opt-out line added unless it has one), the default text otherwise. */
  usageTip: (category: string | null, template?: string) =>
    template
      ? template.includes("退订")
        ? template
        : `${template}\n回复「退订」不再接收。`
      : `收到宝贝一周啦${category ? `，「${snippet(category, MAX_QUOTE)}」` : ""}用得还顺手吗？有任何使用问题，发送「客服 你的问题」随时找我们。回复「退订」不再接收。`,
  tipSet: (category: string, replaced: boolean) =>
    `已${replaced ? "更新" : "设置"}「${snippet(category, MAX_QUOTE)}」的使用贴士，首单 7 天后按品类发送。/ Tip ${replaced ? "updated" : "set"}.`,
  tips: (rows: ReadonlyArray<{ category: string; text: string }>) =>
    rows.length
      ? ["使用贴士 / usage tips（其他品类用默认文案）", ...rows.map((r) => `「${r.category}」${snippet(r.text, 40)}`)].join("\n")
      : "还没有设置使用贴士，都用默认文案。设置：贴士 设置 护肤 内容… / No tips yet: the default text is used.",
  survey: `好久不见！想听听你的想法：为什么最近没来？回复「调研 1」价格、「调研 2」质量、「调研 3」不需要了、「调研 4」其他。回复「退订」不再接收。`,
  surveyThanks: (ticket?: number) =>
    `谢谢你的反馈！${ticket !== undefined ? `我们已为你开了工单 T${ticket}，客服会尽快联系你。` : ""}/ Thank you.`,
  surveyNotAsked: "现在没有需要你回答的调研。/ No survey for you right now.",
  report: (r: LoyaltyReport) =>
    [
      "积分报告 / loyalty report",
      `发放 ${r.earned} · 扣回 ${r.reversed} · 兑换 ${r.spent} · 过期 ${r.expired} · 未用 ${r.outstanding}${r.outstandingCents !== null ? `（约 ${formatPrice(r.outstandingCents)}）` : ""}`,
      `等级 / levels：${r.levels.map((l) => `${l.level} ${l.members}`).join(" · ")}`,
      r.inviters.length
        ? `邀请 / inviters：${r.inviters.map((i) => `${snippet(i.name, MAX_QUOTE)} ${i.invited}/${i.ordered}/${i.rewarded}`).join("，")}`
        : "邀请 / inviters：无",
      r.rungs.length
        ? `阶梯 / ladders：${r.rungs.map((g) => `${g.ladder} 满${formatYuan(g.cents)} ${g.granted} 人（收回 ${g.reversed}）`).join("，")}`
        : "阶梯 / ladders：无",
      `调研 / survey：${r.survey.map((a) => `${a.answer} ${a.members}`).join(" · ")}`,
    ].join("\n"),
  expiryReminder: (points: number, at: Date, zone: string) =>
    `你有 ${points} 积分将于 ${formatLocal(at, zone, "MM-dd")} 过期，发送「兑换」用掉它们吧。回复「退订」不再接收。`,
};
