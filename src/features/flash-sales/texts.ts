// What people read about flash sales (Chinese first, English alias): the rooms' announcements, the
// winner's private message, replies to members' grabs and to operators' commands. Pure formatting. What
// group-buys share (the pay link, 「现在有 N 个…」, the usage line) is exported through index.ts.

import type { ReplyOutcome } from "../../kernel/outbox/combine-replies.js";
import { fillTemplate } from "../../kernel/text/fill-template.js";
import { formatYuan } from "../../kernel/text/money.js";
import { type ClockWindow, formatClockWindow } from "../../kernel/time/clock-window.js";
import { overlapsQuietHours } from "../../kernel/time/quiet-hours-overlap.js";
import { formatDuration, formatLocal } from "../../kernel/time/zone.js";
import type { GrabOutcome } from "./flash-gate.js";

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
  // Private notices about an order (a flash sale's or a group-buy's).
  orderPaid: (orderNo: string) => `订单 ${orderNo} 已确认收款，谢谢！/ Payment received.`,
  orderExpired: (orderNo: string) => `订单 ${orderNo} 超时未付款，已自动取消。/ Order expired.`,
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
export function bareGrabReply(
  open: readonly OpenSaleView[],
  upcoming: readonly (OpenSaleView & { startsAt: Date })[],
  zone: string,
): string {
  if (open.length > 1) return whichOneReply("秒杀", "抢", open);
  if (upcoming.length === 0) return "现在没有进行中的秒杀。/ No sale open here.";
  const when = upcoming.map((s) => `秒杀 #${s.id} ${s.product} ${formatLocal(s.startsAt, zone)} 开抢`).join("；");
  return `现在还没开抢：${when}，到时发「抢 ${upcoming.length === 1 ? upcoming[0]!.id : "编号"}」。/ Not open yet.`;
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
    case "notFound":
      return flashReplies.notFound(saleId);
    case "cancelled":
      return `秒杀${n}已取消。/ Cancelled.`;
    case "notInRoom":
      return inRoom ? `秒杀${n}不在本群进行。/ Not in this group.` : `你不在秒杀${n}的群里，进群后才能抢。/ Not in a target room.`;
  }
}

/**
 * A grab's result as a room hears it in a burst, after the names (the reply digest combines them):
 * grouped by outcome and sale, the won ones without their order numbers (those went privately).
 *
 * @example grabOutcome({ kind: "soldOut" }, 12, zone) // { key: "soldOut:12", zh: "来晚了，秒杀 #12 已抢光", en: "Sold out" }
 */
export function grabOutcome(outcome: GrabOutcome, saleId: number | undefined, zone: string): ReplyOutcome {
  const n = saleId === undefined ? "" : ` #${saleId}`;
  const key = `${outcome.kind}:${saleId ?? ""}`;
  switch (outcome.kind) {
    case "won":
      return { key, zh: "抢到了，订单详情已私信", en: "Got it, details in your private chat", order: -1 };
    case "notOpen":
      return { key, zh: `秒杀${n} 还没开始，${formatLocal(outcome.startsAt, zone)} 开抢`, en: "Not open yet" };
    case "soldOut":
      return { key, zh: `来晚了，秒杀${n} 已抢光`, en: "Sold out" };
    case "limitReached":
      return { key, zh: `秒杀${n} 每人限购${outcome.limit}件，已经抢过了，订单详情已私信`, en: "Limit reached; see your private chat" };
    case "ended":
      return { key, zh: `秒杀${n} 已经结束了`, en: "Ended" };
    case "notFound":
      return { key, zh: `没有秒杀${n}`, en: "No such sale" };
    case "cancelled":
      return { key, zh: `秒杀${n} 已取消`, en: "Cancelled" };
    case "notInRoom":
      return { key, zh: `秒杀${n} 不在本群进行`, en: "Not in this group" };
  }
}

/** A bare 抢's answer (bareGrabReply) as a room hears it in a burst: the same words for everyone who asked. */
export function bareGrabOutcome(
  open: readonly OpenSaleView[],
  upcoming: readonly (OpenSaleView & { startsAt: Date })[],
  zone: string,
): ReplyOutcome {
  if (open.length > 1) {
    const zh = `现在有 ${open.length} 个秒杀：${open.map((s) => `#${s.id} ${s.product}`).join("、")}，请发「抢 编号」`;
    return { key: `bare:${zh}`, zh, en: "Which one?" };
  }
  if (upcoming.length === 0) return { key: "bare:none", zh: "现在没有进行中的秒杀", en: "No sale open here" };
  const when = upcoming.map((s) => `秒杀 #${s.id} ${s.product} ${formatLocal(s.startsAt, zone)} 开抢`).join("；");
  const zh = `现在还没开抢：${when}，到时发「抢 ${upcoming.length === 1 ? upcoming[0]!.id : "编号"}」`;
  return { key: `bare:${zh}`, zh, en: "Not open yet" };
}

/** The status of a sale in 秒杀 列表/详情. `left`: what the gate still has, when known (a running sale with none left is 已抢光, not 进行中). */
export function saleStatusWord(s: { status: string; startsAt: Date; endsAt: Date }, now: Date, left?: number): string {
  if (s.status === "cancelled") return "已取消";
  if (s.status === "ended" || s.endsAt <= now) return "已结束";
  if (s.startsAt > now) return "未开始";
  return left === 0 ? "已抢光" : "进行中";
}

/**
 * A create or move command's problem, with the command's usage after it.
 *
 * @example withUsage("缺少商品名 / missing product", "秒杀 新建 …") // "缺少商品名 / missing product\n用法 / usage：秒杀 新建 …"
 */
export function withUsage(problem: string, usage: string): string {
  return `${problem}\n用法 / usage：${usage}`;
}

/** The warning added to the operator's reply when a flash sale's run meets quiet hours. */
export function quietHoursWarning(window: ClockWindow): string {
  const [start, end] = formatClockWindow(window).split("-");
  return (
    `⚠️ 这个时段碰到了免打扰（${start}–${end}）：群里在免打扰期间听不到开抢、已抢光和结果通知，过时的通知不会补发。` +
    `建议改到 ${end}–${start} 之间（「秒杀 改时间」）。/ Overlaps quiet hours: the group will not hear it open; pick another time.`
  );
}

/**
 * The line to add to the operator's reply when the sale's run [from, to] meets quiet hours, or "".
 *
 * @example quietHoursNote(quiet, "Asia/Shanghai", sale.startsAt, sale.endsAt) // "\n⚠️ 这个时段碰到了免打扰…"
 */
export function quietHoursNote(window: ClockWindow | null, zone: string, from: Date, to: Date): string {
  return window && overlapsQuietHours(window, from, to, zone) ? `\n${quietHoursWarning(window)}` : "";
}

export interface SaleRecordView extends SaleView {
  status: string;
  roomIds: readonly number[];
}

/** Replies to the operators' flash-sale commands (新建, 列表, 详情, 改时间, 取消, 结束, 确认收款). */
export const flashReplies = {
  /** 没有秒杀 #12: the one spelling of a sale that does not exist (an operator's command or a member's grab). */
  notFound: (saleId?: number) => `没有秒杀${saleId === undefined ? "" : ` #${saleId}`}。/ No such sale.`,
  noRooms: "私聊新建秒杀请加「全部」，或在目标群里发。/ Add 全部 or send it in a group.",
  created: (s: SaleRecordView, zone: string, note: string) =>
    `已创建秒杀 #${s.id}：${s.product} ¥${formatYuan(s.priceCents)}，库存${s.stock}，每人限购${s.perMemberLimit}，` +
    `${formatLocal(s.startsAt, zone)}–${formatLocal(s.endsAt, zone, "HH:mm")}，${s.roomIds.length}个群。预告已发出。/ Created.` +
    note,
  none: "还没有秒杀。/ No flash sales.",
  listLine: (s: SaleRecordView, left: number | undefined, status: string, zone: string) =>
    `#${s.id} ${s.product} ¥${formatYuan(s.priceCents)} 库存${s.stock}${left === undefined ? "" : `（剩${left}）`} ${formatLocal(s.startsAt, zone)} ${status}`,
  details: (s: SaleRecordView, status: string, orders: { paid: number; pending: number; expired: number; left: number }, zone: string) =>
    `#${s.id} ${s.product} ¥${formatYuan(s.priceCents)}（${status}）\n` +
    `${formatLocal(s.startsAt, zone)}–${formatLocal(s.endsAt, zone, "HH:mm")}，库存${s.stock}，限购${s.perMemberLimit}，${s.roomIds.length}个群\n` +
    `已付款 ${orders.paid}，待付款 ${orders.pending}，超时 ${orders.expired}，剩余 ${orders.left}`,
  moved: (saleId: number, startsAt: Date, endsAt: Date, zone: string, note: string) =>
    `已改期秒杀 #${saleId}：${formatLocal(startsAt, zone)}–${formatLocal(endsAt, zone, "HH:mm")}。/ Moved.${note}`,
  moveStarted: (saleId: number) => `秒杀 #${saleId} 已经开始，不能改时间。/ Already started.`,
  notActive: (saleId: number) => `秒杀 #${saleId} 已经结束或取消了。/ Not active.`,
  cancelled: (saleId: number) => `已取消秒杀 #${saleId}。/ Cancelled.`,
  cancelStarted: (saleId: number) => `秒杀 #${saleId} 已经开始，不能取消；要提前结束请发「秒杀 结束 ${saleId}」。/ Already started.`,
  closed: (saleId: number, sold: number, left: number) => `已结束秒杀 #${saleId}：售出 ${sold}，剩余 ${left}。/ Closed.`,
  closeNotStarted: (saleId: number) => `秒杀 #${saleId} 还没开始；不要了请发「秒杀 取消 ${saleId}」。/ Not started.`,
  orderMarkedPaid: (orderNo: string) => `已确认收款：${orderNo}。/ Marked paid.`,
  orderAlreadyPaid: (orderNo: string) => `订单 ${orderNo} 已经确认过了。/ Already paid.`,
  orderNotPayable: (orderNo: string) => `订单 ${orderNo} 已超时或取消，不能确认收款。/ Not payable.`,
  orderNotFound: (orderNo: string) => `没有订单 ${orderNo}。/ No such order.`,
  orderNumberNeeded: "请写订单号 / order number",
};
