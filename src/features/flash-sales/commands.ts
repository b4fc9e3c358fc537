// Flash-sale commands: operators create, list, show, cancel and close; members grab; operators confirm
// payments. Handlers are thin: parse, call the use case, turn its outcome into a reply.
import { z } from "zod";
import { wholeArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { cancelFlashSale, closeFlashSale, moveFlashSale } from "./change-flash-sale.js";
import { confirmOrderPayment } from "./confirm-order-payment.js";
import { createFlashSale } from "./create-flash-sale.js";
import { FLASH_GATE } from "./flash-gate.js";
import { grabFlashSale, openSalesFor } from "./grab-flash-sale.js";
import { parseFlashSaleArgs, parseMove } from "./rules/create-args.js";
import {
  bareGrabOutcome,
  bareGrabReply,
  flashReplies,
  grabOutcome,
  grabReply,
  quietHoursNote,
  saleStatusWord,
  withUsage,
  wonInRoomReply,
} from "./texts.js";

const CREATE_USAGE = "秒杀 新建 商品 价99 [原价199] 库存100 明天20:00 30分钟 [限购2] [全部]";
const MOVE_USAGE = "秒杀 改时间 编号 明天21:00 [30分钟]";
const words = z.object({ words: z.array(z.string()) });
const saleNumber = z.object({ sale: wholeArg("秒杀编号") });

export const flashNew = defineCommand({
  name: "flash.new",
  aliases: { zh: ["秒杀 新建", "新建秒杀"], en: ["flash new"] },
  usage: CREATE_USAGE,
  help: "新建秒杀：时间可写 20:00、今晚8点、明天20:00、12-01 20:00、现在；时长 30分钟、半小时、2小时",
  role: "operator",
  args: words,
  parseArgs: (raw) => ({ words: raw.words }),
  async run({ args, app, member, room, reply }) {
    const parsed = parseFlashSaleArgs(args.words, { now: app.clock.now(), zone: app.config.timeZone });
    if (!parsed.ok) {
      await reply(withUsage(parsed.problem, CREATE_USAGE));
      return `refused: ${parsed.problem}`;
    }
    const outcome = await createFlashSale(app, { draft: parsed.value, createdById: member.id, roomId: room?.id });
    if (outcome.kind === "noRooms") {
      await reply(flashReplies.noRooms);
      return "refused: no rooms";
    }
    const s = outcome.sale;
    const zone = app.config.timeZone;
    await reply(flashReplies.created(s, zone, quietHoursNote(app.config.outbox.quietHours, zone, s.startsAt, s.endsAt)));
    return `created flash ${s.id}`;
  },
});

export const flashList = defineCommand({
  name: "flash.list",
  aliases: { zh: ["秒杀 列表", "秒杀列表"], en: ["flash list"] },
  usage: "秒杀 列表",
  help: "最近的秒杀和状态",
  role: "operator",
  async run({ app, reply }) {
    const now = app.clock.now();
    const sales = await app.db.flashSale.findMany({ orderBy: { id: "desc" }, take: 10 });
    if (sales.length === 0) {
      await reply(flashReplies.none);
      return "ok";
    }
    const zone = app.config.timeZone;
    const gate = app.scoped(FLASH_GATE);
    const lines = await Promise.all(
      sales.map(async (s) => {
        const left = s.status === "scheduled" ? await gate.left(s.id) : undefined;
        return flashReplies.listLine(s, left, saleStatusWord(s, now, left), zone);
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
  args: saleNumber,
  positional: ["sale"],
  async run({ args, app, reply }) {
    const sale = await app.db.flashSale.findUnique({ where: { id: args.sale } });
    if (!sale) {
      await reply(flashReplies.notFound(args.sale));
      return "refused: no such sale";
    }
    const counts = await app.db.order.groupBy({ by: ["status"], where: { flashSaleId: sale.id }, _count: { _all: true } });
    const n = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
    const left = await app.scoped(FLASH_GATE).left(sale.id);
    const orders = {
      paid: n("paid"),
      pending: n("pending"),
      expired: n("expired"),
      left: left ?? Math.max(sale.stock - n("paid") - n("pending"), 0),
    };
    await reply(flashReplies.details(sale, saleStatusWord(sale, app.clock.now(), left), orders, app.config.timeZone));
    return "ok";
  },
});

export const flashMove = defineCommand({
  name: "flash.move",
  aliases: { zh: ["秒杀 改时间", "秒杀 改期"], en: ["flash move"] },
  usage: MOVE_USAGE,
  help: "改还没开始的秒杀的开始时间（和时长）；提醒、开抢、结束随之改动，群里会收到新预告",
  role: "operator",
  args: z.object({ sale: wholeArg("秒杀编号"), words: z.array(z.string()) }),
  parseArgs: (raw) => ({ sale: raw.words[0], words: raw.words.slice(1) }),
  async run({ args, app, reply }) {
    const parsed = parseMove(args.words, { now: app.clock.now(), zone: app.config.timeZone });
    if (!parsed.ok) {
      await reply(withUsage(parsed.problem, MOVE_USAGE));
      return `refused: ${parsed.problem}`;
    }
    const outcome = await moveFlashSale(app, args.sale, parsed.value);
    const zone = app.config.timeZone;
    const text =
      outcome.kind === "moved"
        ? flashReplies.moved(
            args.sale,
            outcome.sale.startsAt,
            outcome.sale.endsAt,
            zone,
            quietHoursNote(app.config.outbox.quietHours, zone, outcome.sale.startsAt, outcome.sale.endsAt),
          )
        : {
            notFound: flashReplies.notFound(args.sale),
            alreadyStarted: flashReplies.moveStarted(args.sale),
            notScheduled: flashReplies.notActive(args.sale),
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
  args: saleNumber,
  positional: ["sale"],
  async run({ args, app, reply }) {
    const outcome = await cancelFlashSale(app, args.sale);
    const text = {
      cancelled: flashReplies.cancelled(args.sale),
      notFound: flashReplies.notFound(args.sale),
      alreadyStarted: flashReplies.cancelStarted(args.sale),
      notScheduled: flashReplies.notActive(args.sale),
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
  args: saleNumber,
  positional: ["sale"],
  async run({ args, app, reply }) {
    const outcome = await closeFlashSale(app, args.sale);
    const text =
      outcome.kind === "closed"
        ? flashReplies.closed(args.sale, outcome.sold, outcome.left)
        : {
            notFound: flashReplies.notFound(args.sale),
            notStarted: flashReplies.closeNotStarted(args.sale),
            notScheduled: flashReplies.notActive(args.sale),
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
        await reply(bareGrabReply(choice, upcoming, app.config.timeZone), bareGrabOutcome(choice, upcoming, app.config.timeZone));
        return choice.length === 0 ? "none open" : "ambiguous";
      }
      saleId = choice[0]!.id;
    }
    const outcome = await grabFlashSale(app, { saleId, memberId: member.id, roomId: room?.id });
    // In a rush the room's answers are combined (the digest), by these outcomes.
    const combined = grabOutcome(outcome, saleId, app.config.timeZone);
    if (outcome.kind === "won") {
      // The order number and pay link went privately; the room hears it worked, with the number's tail.
      if (room) await reply(wonInRoomReply(outcome.orderNo), combined);
      return "won";
    }
    await reply(grabReply(outcome, saleId, app.config.timeZone, room !== undefined), combined);
    return outcome.kind;
  },
});

export const orderPaid = defineCommand({
  name: "order.paid",
  aliases: { zh: ["确认收款"], en: ["paid"] },
  usage: "确认收款 订单号",
  help: "确认一笔秒杀或拼团订单已付款",
  role: "operator",
  args: z.object({ orderNo: z.string({ message: flashReplies.orderNumberNeeded }).min(4, { message: flashReplies.orderNumberNeeded }) }),
  positional: ["orderNo"],
  async run({ args, app, reply }) {
    const outcome = await confirmOrderPayment(app, args.orderNo.toUpperCase());
    const text = {
      paid: flashReplies.orderMarkedPaid(args.orderNo.toUpperCase()),
      alreadyPaid: flashReplies.orderAlreadyPaid(args.orderNo),
      notPayable: flashReplies.orderNotPayable(args.orderNo),
      notFound: flashReplies.orderNotFound(args.orderNo),
    }[outcome.kind];
    await reply(text);
    return outcome.kind;
  },
});

export const flashMemberCommands = [flashGrab];
export const flashOperatorCommands = [flashNew, flashList, flashShow, flashMove, flashCancel, flashClose, orderPaid];
