// Flash-sale commands: operators create, list, show, cancel and close; members grab; operators confirm
// payments. Handlers are thin: parse, call the use case, turn its outcome into a reply.
import { z } from "zod";
import { wholeArg } from "../../kernel/commands/args.js";
import { parseFlashSaleArgs, parseMove } from "./rules/create-args.js";
import { quietHoursNote } from "./rules/quiet-hours.js";
import { bareGrabReply, grabReply, wonInRoomReply } from "./texts.js";
import { formatYuan } from "../../kernel/text/money.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { cancelFlashSale, closeFlashSale, moveFlashSale } from "./change-flash-sale.js";
import { confirmOrderPayment } from "./confirm-order-payment.js";
import { createFlashSale } from "./create-flash-sale.js";
import { flashGate } from "./flash-sale-support.js";
import { grabFlashSale, openSalesFor } from "./grab-flash-sale.js";
import { defineCommand } from "../../kernel/commands/command.js";

const CREATE_USAGE = "秒杀 新建 商品 价99 [原价199] 库存100 明天20:00 30分钟 [限购2] [全部]";
const words = z.object({ words: z.array(z.string()) });
const saleNumber = z.object({ sale: wholeArg("秒杀编号") });

export const flashNew = defineCommand({
  name: "flash.new",
  aliases: { zh: ["秒杀 新建", "新建秒杀"], en: ["flash new"] },
  usage: CREATE_USAGE,
  help: "新建秒杀：时间可写 20:00、今晚8点、明天20:00、12-01 20:00、现在；时长 30分钟、半小时、2小时",
  role: "operator",
  scope: "both",
  args: words,
  parseArgs: (raw) => ({ words: raw.words }),
  async run({ args, app, member, room, reply }) {
    const parsed = parseFlashSaleArgs(args.words, { now: app.clock.now(), zone: app.config.timeZone });
    if (!parsed.ok) {
      await reply(`${parsed.problem}\n用法 / usage：${CREATE_USAGE}`);
      return `refused: ${parsed.problem}`;
    }
    const outcome = await createFlashSale(app, { draft: parsed.value, createdById: member.id, roomId: room?.id });
    if (outcome.kind === "noRooms") {
      await reply("私聊新建秒杀请加「全部」，或在目标群里发。/ Add 全部 or send it in a group.");
      return "refused: no rooms";
    }
    const s = outcome.sale;
    await reply(
      `已创建秒杀 #${s.id}：${s.product} ¥${formatYuan(s.priceCents)}，库存${s.stock}，每人限购${s.perMemberLimit}，` +
        `${formatLocal(s.startsAt, app.config.timeZone)}–${formatLocal(s.endsAt, app.config.timeZone, "HH:mm")}，${s.roomIds.length}个群。预告已发出。/ Created.` +
        quietHoursNote(app.config.outbox.quietHours, app.config.timeZone, s.startsAt, s.endsAt, "flash"),
    );
    return `created flash ${s.id}`;
  },
});

/** `left`: what the gate still has, when known (a running sale with none left is 已抢光, not 进行中). */
function statusWord(s: { status: string; startsAt: Date; endsAt: Date }, now: Date, left?: number): string {
  if (s.status === "cancelled") return "已取消";
  if (s.status === "ended" || s.endsAt <= now) return "已结束";
  if (s.startsAt > now) return "未开始";
  return left === 0 ? "已抢光" : "进行中";
}

export const flashList = defineCommand({
  name: "flash.list",
  aliases: { zh: ["秒杀 列表", "秒杀列表"], en: ["flash list"] },
  usage: "秒杀 列表",
  help: "最近的秒杀和状态",
  role: "operator",
  scope: "both",
  args: z.object({}),
  async run({ app, reply }) {
    const now = app.clock.now();
    const sales = await app.db.flashSale.findMany({ orderBy: { id: "desc" }, take: 10 });
    if (sales.length === 0) {
      await reply("还没有秒杀。/ No flash sales.");
      return "ok";
    }
    const zone = app.config.timeZone;
    const gate = flashGate(app);
    const lines = await Promise.all(
      sales.map(async (s) => {
        const left = s.status === "scheduled" ? await gate.left(s.id) : undefined;
        return `#${s.id} ${s.product} ¥${formatYuan(s.priceCents)} 库存${s.stock}${left === undefined ? "" : `（剩${left}）`} ${formatLocal(s.startsAt, zone)} ${statusWord(s, now, left)}`;
      }),
    );
    await reply(lines.join("\n"));
    return "ok";
  },
});

export const flashShow = defineCommand({
  name: "flash.show",
  aliases: { zh: ["秒杀 详情", "秒杀 查看"], en: ["flash show"] },
  usage: "秒杀 详情 编号",
  help: "一个秒杀的详情：售出、剩余、待付款",
  role: "operator",
  scope: "both",
  args: saleNumber,
  positional: ["sale"],
  async run({ args, app, reply }) {
    const sale = await app.db.flashSale.findUnique({ where: { id: args.sale } });
    if (!sale) {
      await reply(`没有秒杀 #${args.sale}。/ No such sale.`);
      return "refused: no such sale";
    }
    const counts = await app.db.order.groupBy({ by: ["status"], where: { flashSaleId: sale.id }, _count: { _all: true } });
    const n = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
    const left = await flashGate(app).left(sale.id);
    const zone = app.config.timeZone;
    await reply(
      `#${sale.id} ${sale.product} ¥${formatYuan(sale.priceCents)}（${statusWord(sale, app.clock.now(), left)}）\n` +
        `${formatLocal(sale.startsAt, zone)}–${formatLocal(sale.endsAt, zone, "HH:mm")}，库存${sale.stock}，限购${sale.perMemberLimit}，${sale.roomIds.length}个群\n` +
        `已付款 ${n("paid")}，待付款 ${n("pending")}，超时 ${n("expired")}，剩余 ${left ?? Math.max(sale.stock - n("paid") - n("pending"), 0)}`,
    );
    return "ok";
  },
});

export const flashMove = defineCommand({
  name: "flash.move",
  aliases: { zh: ["秒杀 改时间", "秒杀 改期"], en: ["flash move"] },
  usage: "秒杀 改时间 编号 明天21:00 [30分钟]",
  help: "改还没开始的秒杀的开始时间（和时长）；提醒、开抢、结束随之改动，群里会收到新预告",
  role: "operator",
  scope: "both",
  args: z.object({ sale: wholeArg("秒杀编号"), words: z.array(z.string()) }),
  parseArgs: (raw) => ({ sale: raw.words[0], words: raw.words.slice(1) }),
  async run({ args, app, reply }) {
    const parsed = parseMove(args.words, { now: app.clock.now(), zone: app.config.timeZone });
    if (!parsed.ok) {
      await reply(`${parsed.problem}\n用法 / usage：秒杀 改时间 编号 明天21:00 [30分钟]`);
      return `refused: ${parsed.problem}`;
    }
    const outcome = await moveFlashSale(app, args.sale, parsed.value);
    const zone = app.config.timeZone;
    const text =
      outcome.kind === "moved"
        ? `已改期秒杀 #${args.sale}：${formatLocal(outcome.sale.startsAt, zone)}–${formatLocal(outcome.sale.endsAt, zone, "HH:mm")}。/ Moved.${quietHoursNote(app.config.outbox.quietHours, zone, outcome.sale.startsAt, outcome.sale.endsAt, "flash")}`
        : {
            noSuchSale: `没有秒杀 #${args.sale}。/ No such sale.`,
            alreadyStarted: `秒杀 #${args.sale} 已经开始，不能改时间。/ Already started.`,
            notScheduled: `秒杀 #${args.sale} 已经结束或取消了。/ Not active.`,
          }[outcome.kind];
    await reply(text);
    return outcome.kind;
  },
});

export const flashCancel = defineCommand({
  name: "flash.cancel",
  aliases: { zh: ["秒杀 取消", "取消秒杀"], en: ["flash cancel"] },
  usage: "秒杀 取消 编号",
  help: "取消还没开始的秒杀（群里会收到通知）",
  role: "operator",
  scope: "both",
  args: saleNumber,
  positional: ["sale"],
  async run({ args, app, reply }) {
    const outcome = await cancelFlashSale(app, args.sale);
    const text = {
      cancelled: `已取消秒杀 #${args.sale}。/ Cancelled.`,
      noSuchSale: `没有秒杀 #${args.sale}。/ No such sale.`,
      alreadyStarted: `秒杀 #${args.sale} 已经开始，不能取消；要提前结束请发「秒杀 结束 ${args.sale}」。/ Already started.`,
      notScheduled: `秒杀 #${args.sale} 已经结束或取消了。/ Not active.`,
    }[outcome.kind];
    await reply(text);
    return outcome.kind;
  },
});

export const flashClose = defineCommand({
  name: "flash.close",
  aliases: { zh: ["秒杀 结束", "结束秒杀"], en: ["flash close"] },
  usage: "秒杀 结束 编号",
  help: "提前结束进行中的秒杀（群里会收到结果）",
  role: "operator",
  scope: "both",
  args: saleNumber,
  positional: ["sale"],
  async run({ args, app, reply }) {
    const outcome = await closeFlashSale(app, args.sale);
    const text =
      outcome.kind === "closed"
        ? `已结束秒杀 #${args.sale}：售出 ${outcome.sold}，剩余 ${outcome.left}。/ Closed.`
        : {
            noSuchSale: `没有秒杀 #${args.sale}。/ No such sale.`,
            notStarted: `秒杀 #${args.sale} 还没开始；不要了请发「秒杀 取消 ${args.sale}」。/ Not started.`,
            notScheduled: `秒杀 #${args.sale} 已经结束或取消了。/ Not active.`,
          }[outcome.kind];
    await reply(text);
    return outcome.kind;
  },
});

export const flashGrab = defineCommand({
  name: "flash.grab",
  aliases: { zh: ["抢", "秒杀"], en: ["grab"] },
  usage: "抢 编号",
  help: "抢秒杀商品，如「抢 12」（只有一个秒杀进行中时发「抢」即可；私聊也行，要在秒杀的群里）",
  role: "member",
  scope: "both",
  args: z.object({ sale: wholeArg("秒杀编号").optional() }),
  positional: ["sale"],
  async run({ args, app, member, room, reply }) {
    let saleId = args.sale;
    if (saleId === undefined) {
      const { open, upcoming } = await openSalesFor(app, { roomId: room?.id, memberId: member.id });
      // Sold-out sales are no choice; if all open ones are, grabbing the first answers 已抢光.
      const withStock = open.filter((s) => !s.soldOut);
      const choice = withStock.length > 0 ? withStock : open.slice(0, 1);
      if (choice.length !== 1) {
        await reply(bareGrabReply(choice, upcoming, app.config.timeZone));
        return choice.length === 0 ? "none open" : "ambiguous";
      }
      saleId = choice[0]!.id;
    }
    const outcome = await grabFlashSale(app, { saleId, memberId: member.id, roomId: room?.id });
    if (outcome.kind === "won") {
      // The order number and pay link went privately; the room hears it worked, with the number's tail.
      if (room) await reply(wonInRoomReply(outcome.orderNo));
      return "won";
    }
    await reply(grabReply(outcome, saleId, app.config.timeZone, room !== undefined));
    return outcome.kind;
  },
});

export const orderPaid = defineCommand({
  name: "order.paid",
  aliases: { zh: ["确认收款"], en: ["paid"] },
  usage: "确认收款 订单号",
  help: "确认一笔秒杀或拼团订单已付款",
  role: "operator",
  scope: "both",
  args: z.object({ orderNo: z.string({ message: "请写订单号 / order number" }).min(4, { message: "请写订单号 / order number" }) }),
  positional: ["orderNo"],
  async run({ args, app, reply }) {
    const outcome = await confirmOrderPayment(app, args.orderNo.toUpperCase());
    const text = {
      paid: `已确认收款：${args.orderNo.toUpperCase()}。/ Marked paid.`,
      alreadyPaid: `订单 ${args.orderNo} 已经确认过了。/ Already paid.`,
      notPayable: `订单 ${args.orderNo} 已超时或取消，不能确认收款。/ Not payable.`,
      noSuchOrder: `没有订单 ${args.orderNo}。/ No such order.`,
    }[outcome.kind];
    await reply(text);
    return outcome.kind;
  },
});

export const flashMemberCommands = [flashGrab];
export const flashOperatorCommands = [flashNew, flashList, flashShow, flashMove, flashCancel, flashClose, orderPaid];
