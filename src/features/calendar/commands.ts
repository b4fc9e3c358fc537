import { DateTime } from "luxon";
import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { noArgs, wholeArg } from "../../kernel/commands/args.js";
import { KIND_LABELS, occurrencesBetween, parseCalendarDraft, weekStart, type CalendarKind } from "./rules/calendar-item.js";
import type { AppContext } from "../../kernel/app-context.js";
import { nextWeekRhythm } from "./check-rhythm.js";
import { addCalendarItem, removeCalendarItem } from "./manage-calendar.js";

const WEEKDAY = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

async function renderWeek(app: AppContext, weeks: number): Promise<string> {
  const zone = app.config.timeZone;
  const from = weekStart(app.clock.now(), zone, weeks);
  const to = weekStart(app.clock.now(), zone, weeks + 1);
  const items = await app.db.calendarItem.findMany({ where: { active: true } });
  const occurrences = occurrencesBetween(items, from, to, zone);
  const lines = [`内容日历 ${DateTime.fromJSDate(from, { zone }).toFormat("MM-dd")} 起（${weeks === 0 ? "本周" : "下周"}）`];
  for (let d = 0; d < 7; d++) {
    const day = DateTime.fromJSDate(from, { zone }).plus({ days: d });
    const today = occurrences.filter((o) => DateTime.fromJSDate(o.at, { zone }).hasSame(day, "day"));
    lines.push(
      `${WEEKDAY[day.weekday]} ${day.toFormat("MM-dd")}：${
        today.length
          ? today.map((o) => `${DateTime.fromJSDate(o.at, { zone }).toFormat("HH:mm")} ${KIND_LABELS[o.item.kind as CalendarKind]?.name ?? o.item.kind}#${o.item.id}《${o.item.title}》`).join("；")
          : "—"
      }`,
    );
  }
  if (weeks === 1) {
    const { gaps } = await nextWeekRhythm(app);
    lines.push(...(gaps ? gaps.split("\n").map((gap) => `⚠ ${gap}`) : ["✓ 已达到每周计划"]));
  }
  return lines.join("\n");
}

export const calendarWeek = defineCommand({
  name: "calendar",
  aliases: { zh: ["日历", "内容日历"], en: ["calendar"] },
  usage: "日历",
  help: "本周内容日历（按天）",
  role: "operator",
  scope: "both",
  args: noArgs,
  async run({ app, reply }) {
    await reply(await renderWeek(app, 0));
    return "ok";
  },
});

export const calendarNextWeek = defineCommand({
  name: "calendar.next",
  aliases: { zh: ["日历 下周"], en: ["calendar next"] },
  usage: "日历 下周",
  help: "下周内容日历，以及距计划还缺什么",
  role: "operator",
  scope: "both",
  args: noArgs,
  async run({ app, reply }) {
    await reply(await renderWeek(app, 1));
    return "ok";
  },
});

export const calendarAdd = defineCommand({
  name: "calendar.add",
  aliases: { zh: ["日历 新增"], en: ["calendar add"] },
  usage: "日历 新增 文章|直播|互动|投票 标题 时间:每周一三五 20:00 群:VIP群 [群标签:北京] [链接:…] [内容:…] [选项:A/B]",
  help: "新增内容日历条目（可重复：每周一三五 20:00、每天 9:30、cron）",
  role: "operator",
  scope: "both",
  args: z.object({ text: z.string().min(1, { message: "请写类型、标题、时间和群 / details missing" }) }),
  parseArgs: (raw) => ({ text: raw.text }),
  async run({ args, app, member, reply }) {
    const parsed = parseCalendarDraft(args.text);
    if (!parsed.ok) {
      await reply(parsed.message);
      return "refused: invalid";
    }
    const outcome = await addCalendarItem(app, parsed.draft, member.id);
    if (outcome.kind === "invalid") {
      await reply(outcome.message);
      return "refused: invalid";
    }
    if (outcome.kind === "duplicate") {
      await reply(`日历里已有相同的条目 #${outcome.itemId}（类型、标题、时间、群都一样），没有重复添加。/ Already in the calendar.`);
      return "refused: duplicate";
    }
    const when = outcome.cron ? `重复：${parsed.draft.when}` : `时间：${parsed.draft.when}`;
    await reply(`已加入日历 #${outcome.itemId}《${parsed.draft.title}》，${when}，群：${[...outcome.rooms, ...(parsed.draft.roomTag ? [`群标签 ${parsed.draft.roomTag}`] : [])].join("、")}。删除：日历 删除 ${outcome.itemId} / Added.`);
    return `added ${outcome.itemId}`;
  },
});

export const calendarRemove = defineCommand({
  name: "calendar.remove",
  aliases: { zh: ["日历 删除"], en: ["calendar remove"] },
  usage: "日历 删除 <编号>",
  help: "删除日历条目（不再发布和提醒）",
  role: "operator",
  scope: "both",
  args: z.object({ id: wholeArg("日历编号") }),
  positional: ["id"],
  async run({ args, app, reply }) {
    const removed = await removeCalendarItem(app, args.id);
    await reply(removed ? `已删除日历 #${args.id}。/ Removed.` : `没有日历 #${args.id}。/ No such item.`);
    return removed ? "removed" : "refused: notFound";
  },
});

export const reserveLive = defineCommand({
  name: "reserve",
  aliases: { zh: ["预约"], en: ["reserve"] },
  usage: "预约 <直播编号>",
  help: "预约直播：开播前私聊提醒你",
  role: "member",
  scope: "both",
  args: z.object({ id: wholeArg("直播编号") }),
  positional: ["id"],
  async run({ args, app, member, reply }) {
    const item = await app.db.calendarItem.findUnique({ where: { id: args.id } });
    if (!item || !item.active || item.kind !== "live") {
      await reply(`没有编号 ${args.id} 的直播。/ No such live stream.`);
      return;
    }
    await app.db.liveReservation.upsert({
      where: { itemId_memberId: { itemId: item.id, memberId: member.id } },
      create: { itemId: item.id, memberId: member.id },
      update: {},
    });
    // Reminders are marketing, so an opted-out member would wait in vain: say so rather than promise.
    await reply(
      member.optedOutAt
        ? `已预约直播《${item.title}》。你已退订推送，开播提醒不会发出；发送「订阅」即可收到。/ Reserved, but you unsubscribed: send #subscribe to get the reminder.`
        : `已预约直播《${item.title}》，开播前会私聊提醒你。/ Reserved.`,
    );
  },
});
