// What people read about sales: announcements, replies and the 接龙 list. Pure formatting.
import { formatDuration, formatLocal } from "../../kernel/time/zone.js";
import { fillTemplate } from "../../kernel/text/fill-template.js";
import { formatYuan } from "../../kernel/text/money.js";

export interface SaleView {
  id: number;
  product: string;
  priceCents: number;
  originalPriceCents: number | null;
  stock: number;
  perMemberLimit: number;
  startsAt: Date;
  endsAt: Date;
}

const price = (sale: Pick<SaleView, "priceCents" | "originalPriceCents">) =>
  `¥${formatYuan(sale.priceCents)}${sale.originalPriceCents ? `（原价¥${formatYuan(sale.originalPriceCents)}）` : ""}`;

export const flashTexts = {
  preview: (s: SaleView, zone: string) =>
    `【秒杀预告 #${s.id}】${s.product} ${price(s)}，限量${s.stock}件，每人限购${s.perMemberLimit}件。\n` +
    `${formatLocal(s.startsAt, zone)} 开抢，${formatLocal(s.endsAt, zone, "HH:mm")} 结束。到时发送「抢 ${s.id}」即可。`,
  reminder: (s: SaleView, zone: string) =>
    `【秒杀提醒 #${s.id}】${s.product} ${price(s)} 将于 ${formatLocal(s.startsAt, zone, "HH:mm")} 开抢，限量${s.stock}件，准备好发送「抢 ${s.id}」！`,
  open: (s: SaleView, zone: string) =>
    `【开抢啦 #${s.id}】${s.product} ${price(s)}，限量${s.stock}件！发送「抢 ${s.id}」立即抢购，${formatLocal(s.endsAt, zone, "HH:mm")} 结束。`,
  soldOut: (s: SaleView) => `【已抢光 #${s.id}】${s.product} ${s.stock}件已全部抢光，感谢大家！未付款的订单超时会释放库存。`,
  restock: (s: SaleView, count: number) => `【补货 #${s.id}】${s.product} 补货 ${count}件！发送「抢 ${s.id}」继续抢。`,
  result: (s: SaleView, sold: number) =>
    `【秒杀结束 #${s.id}】${s.product}：售出 ${sold}件，剩余 ${Math.max(s.stock - sold, 0)}件。感谢参与！`,
  cancelled: (s: SaleView) => `【秒杀取消 #${s.id}】${s.product}的秒杀已取消，抱歉。`,
  won: (s: SaleView, orderNo: string, payUrl: string, payMs: number) =>
    `抢到啦！🎉 ${s.product} ${price(s)}\n订单号：${orderNo}\n请在 ${payWindow(payMs)} 内付款：${payUrl}\n超时未付款订单将自动取消。/ You got it!`,
};

/** The time to pay, for people: under a minute in seconds (never "0分钟"), else minutes rounded down. */
function payWindow(ms: number): string {
  return ms < 60_000 ? `${Math.max(Math.round(ms / 1000), 1)}秒` : formatDuration(ms);
}

/** The pay link for an order, from the configured template ({订单号}, {金额}). */
export function payLink(template: string, orderNo: string, amountCents: number): string {
  // A shop reads the amount from the link: plain yuan ("1234.5"), never the display form ("1,234.50").
  const amount = String(amountCents / 100);
  return fillTemplate(template, { 订单号: orderNo, order: orderNo, 金额: amount, amount });
}

/** What a grab came to, as the gate and the service decide it. */
export type GrabOutcome =
  | { kind: "won"; orderNo: string; seq: number; soldOut: boolean }
  | { kind: "notOpen"; startsAt: Date }
  | { kind: "soldOut" }
  | { kind: "limitReached"; limit: number }
  | { kind: "ended" }
  | { kind: "noSuchSale" }
  | { kind: "cancelled" }
  | { kind: "notInRoom" };

/**
 * The room's answer to a win (the order itself went privately): the order number's tail, so the member
 * knows it worked and which message to look for.
 *
 * @example wonInRoomReply("F7KQ2M9XRT4") // "抢到了！订单尾号 XRT4，详情已私信。/ Got it: order …XRT4, details in your private chat."
 */
export function wonInRoomReply(orderNo: string): string {
  const tail = orderNo.slice(-4);
  return `抢到了！订单尾号 ${tail}，详情已私信。/ Got it: order …${tail}, details in your private chat.`;
}

/** A sale or group-buy as a bare 抢/参团/开团 lists it. */
export interface OpenSaleView {
  id: number;
  product: string;
}

/**
 * The answer to a bare command that could mean several sales: each by number and product.
 *
 * @example whichOneReply("秒杀", "抢", [{ id: 3, product: "牙刷" }, { id: 4, product: "洗发水" }])
 * // "现在有 2 个秒杀：#3 牙刷、#4 洗发水，请发「抢 编号」。/ Which one?"
 */
export function whichOneReply(what: "秒杀" | "拼团", command: string, open: readonly OpenSaleView[]): string {
  return `现在有 ${open.length} 个${what}：${open.map((s) => `#${s.id} ${s.product}`).join("、")}，请发「${command} 编号」。/ Which one?`;
}

/** A bare 抢 that names no one sale: several open (with stock), only later ones (when they start), or none. */
export function bareGrabReply(open: readonly OpenSaleView[], upcoming: readonly (OpenSaleView & { startsAt: Date })[], zone: string): string {
  if (open.length > 1) return whichOneReply("秒杀", "抢", open);
  if (upcoming.length === 0) return "现在没有进行中的秒杀。/ No sale open here.";
  const when = upcoming.map((s) => `秒杀 #${s.id} ${s.product} ${formatLocal(s.startsAt, zone)} 开抢`).join("；");
  return `现在还没开抢：${when}，到时发「抢 ${upcoming.length === 1 ? upcoming[0]!.id : "编号"}」。/ Not open yet.`;
}

/** A bare 参团/开团 in a room with no one group-buy open. */
export function bareJoinReply(command: string, open: readonly OpenSaleView[]): string {
  return open.length === 0 ? "本群现在没有进行中的拼团。/ No group-buy open here." : whichOneReply("拼团", command, open);
}

/** The short reply for every grab outcome but a win (which is told privately). `inRoom`: asked in a group. */
export function grabReply(outcome: Exclude<GrabOutcome, { kind: "won" }>, saleId: number | undefined, zone: string, inRoom = true): string {
  const n = saleId === undefined ? "" : ` #${saleId}`;
  switch (outcome.kind) {
    case "notOpen":
      return `秒杀${n}还没开始，${formatLocal(outcome.startsAt, zone)} 开抢。/ Not open yet.`;
    case "soldOut":
      return `秒杀${n}已抢光了，下次早点来～ / Sold out.`;
    case "limitReached":
      // A double tap can be answered before the win's private message arrives: say where it is.
      return `秒杀${n}每人限购${outcome.limit}件，你已经抢过了，订单详情已私信你。/ Limit reached; see your private chat.`;
    case "ended":
      return `秒杀${n}已经结束了。/ Ended.`;
    case "noSuchSale":
      return `没有秒杀${n}。/ No such sale.`;
    case "cancelled":
      return `秒杀${n}已取消。/ Cancelled.`;
    case "notInRoom":
      return inRoom ? `秒杀${n}不在本群进行。/ Not in this group.` : `你不在秒杀${n}的群里，进群后才能抢。/ Not in a target room.`;
  }
}

export interface TeamView {
  groupBuyId: number;
  number: number;
  product: string;
  priceCents: number;
  teamSize: number;
  members: string[];
}

/**
 * The 接龙 list of a team, as posted in the room after each join.
 *
 * @example chainList({ groupBuyId: 7, number: 2, product: "大米", priceCents: 3900, teamSize: 3, members: ["A", "B"] })
 * // "【拼团接龙 7-2】大米 ¥39 3人团\n1. A\n2. B\n还差1人，发送「参团 7-2」加入"
 */
export function chainList(team: TeamView): string {
  const lines = team.members.map((name, i) => `${i + 1}. ${name}`);
  const missing = team.teamSize - team.members.length;
  const code = `${team.groupBuyId}-${team.number}`;
  return [
    `【拼团接龙 ${code}】${team.product} ¥${formatYuan(team.priceCents)} ${team.teamSize}人团`,
    ...lines,
    missing > 0 ? `还差${missing}人，发送「参团 ${code}」加入` : `已成团！🎉`,
  ].join("\n");
}

export interface GroupBuyView {
  id: number;
  product: string;
  priceCents: number;
  teamSize: number;
  perMemberLimit: number;
  deadline: Date;
}

export const groupBuyTexts = {
  preview: (g: GroupBuyView, zone: string) =>
    `【拼团 #${g.id}】${g.product} 拼团价¥${formatYuan(g.priceCents)}，${g.teamSize}人成团，${formatLocal(g.deadline, zone)} 截止。\n` +
    `发送「参团 ${g.id}」加入或开团，「开团 ${g.id}」自己开一个团，邀请好友「参团 ${g.id}-团号」。`,
  // Group-buy orders wait for payment without a deadline (they do not expire), so none is promised.
  completed: (g: GroupBuyView, code: string, orderNo: string, url: string) =>
    `拼团成功！🎉 ${g.product}（${code}）已成团，拼团价¥${formatYuan(g.priceCents)}。\n订单号：${orderNo}\n请付款：${url} / Team complete!`,
  failed: (g: GroupBuyView, code: string, had: number, cancelled: boolean) =>
    cancelled
      ? `拼团 ${code}（${g.product}）已被取消，不会扣款。/ The group-buy was cancelled; nothing is charged.`
      : `很遗憾，拼团 ${code}（${g.product}）截止时只有${had}/${g.teamSize}人，未成团，不会扣款。/ The team did not fill; nothing is charged.`,
  result: (g: GroupBuyView, completed: number, failed: number) =>
    `【拼团结束 #${g.id}】${g.product}：成团 ${completed}个，未成团 ${failed}个。感谢参与！`,
  // Complete teams keep their orders: saying "nothing is charged" to the whole room would be untrue then.
  cancelled: (g: GroupBuyView, completed: number, failed: number) =>
    completed === 0
      ? `【拼团取消 #${g.id}】${g.product}的拼团已取消，不会扣款。`
      : `【拼团取消 #${g.id}】${g.product}的拼团已停止：未成团的 ${failed}个团取消，不会扣款；已成团的 ${completed}个团订单照常有效，请按私信付款。`,
};

/** The reply to a join that did not happen. */
export function joinReply(
  outcome:
    | { kind: "noSuchGroupBuy" | "ended" | "notInRoom" }
    | { kind: "limitReached"; limit: number }
    | { kind: "noSuchTeam" | "teamClosed" | "alreadyInTeam"; number: number },
  groupBuyId: number,
): string {
  switch (outcome.kind) {
    case "noSuchGroupBuy":
      return `没有拼团 #${groupBuyId}。/ No such group-buy.`;
    case "ended":
      return `拼团 #${groupBuyId} 已经结束了。/ Ended.`;
    case "notInRoom":
      return `拼团 #${groupBuyId} 不在本群进行。/ Not in this group.`;
    case "limitReached":
      return `拼团 #${groupBuyId} 每人限参${outcome.limit}次，你已经参加过了。/ Already joined.`;
    case "noSuchTeam":
      return `拼团 #${groupBuyId} 没有第${outcome.number}团。/ No such team.`;
    case "teamClosed":
      return `团 ${groupBuyId}-${outcome.number} 已满或已结束，发送「参团 ${groupBuyId}」加入其他团。/ Team closed.`;
    case "alreadyInTeam":
      return `你已经在团 ${groupBuyId}-${outcome.number} 里了。/ Already in this team.`;
  }
}
