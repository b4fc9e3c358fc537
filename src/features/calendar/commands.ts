import { z } from "zod";
import { wholeArg } from "../../kernel/commands/args.js";
import { defineCommand } from "../../kernel/commands/command.js";
import { addCalendarItem, removeCalendarItem } from "./manage-calendar.js";
import { readCalendarWeek } from "./read-calendar-week.js";
import { reserveLiveStream } from "./reserve-live-stream.js";
import { parseCalendarDraft } from "./rules/calendar-item.js";
import { calendarTexts as texts } from "./texts.js";

export const calendarWeek = defineCommand({
  name: "calendar",
  aliases: { zh: ["日历", "内容日历"], en: ["calendar"] },
  usage: "日历",
  help: "本周内容日历（按天）",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.week(await readCalendarWeek(app, 0)));
    return "ok";
  },
});

export const calendarNextWeek = defineCommand({
  name: "calendar.next",
  aliases: { zh: ["日历 下周"], en: ["calendar next"] },
  usage: "日历 下周",
  help: "下周内容日历，以及距计划还缺什么",
  role: "operator",
  async run({ app, reply }) {
    await reply(texts.week(await readCalendarWeek(app, 1)));
    return "ok";
  },
});

export const calendarAdd = defineCommand({
  name: "calendar.add",
  aliases: { zh: ["日历 新增"], en: ["calendar add"] },
  usage: "日历 新增 文章|直播|互动|投票 标题 时间:每周一三五 20:00 群:VIP群 [群标签:北京] [链接:…] [内容:…] [选项:A/B]",
  help: "新增内容日历条目（可重复：每周一三五 20:00、每天 9:30、cron）",
  role: "operator",
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
      await reply(texts.duplicate(outcome.itemId));
      return "refused: duplicate";
    }
    const rooms = [...outcome.rooms, ...(parsed.draft.roomTag ? [texts.roomTagName(parsed.draft.roomTag)] : [])];
    await reply(texts.added(outcome.itemId, parsed.draft.title, parsed.draft.when, Boolean(outcome.cron), rooms));
    return `added ${outcome.itemId}`;
  },
});

export const calendarRemove = defineCommand({
  name: "calendar.remove",
  aliases: { zh: ["日历 删除"], en: ["calendar remove"] },
  usage: "日历 删除 <编号>",
  help: "删除日历条目（不再发布和提醒）",
  role: "operator",
  args: z.object({ id: wholeArg("日历编号") }),
  positional: ["id"],
  async run({ args, app, reply }) {
    const outcome = await removeCalendarItem(app, args.id);
    await reply(outcome.kind === "removed" ? texts.removed(args.id) : texts.noSuchItem(args.id));
    return outcome.kind === "removed" ? "removed" : "refused: notFound";
  },
});

export const reserveLive = defineCommand({
  name: "reserve",
  aliases: { zh: ["预约"], en: ["reserve"] },
  usage: "预约 <直播编号>",
  help: "预约直播：开播前私聊提醒你",
  role: "member",
  args: z.object({ id: wholeArg("直播编号") }),
  positional: ["id"],
  async run({ args, app, member, reply }) {
    const outcome = await reserveLiveStream(app, { itemId: args.id, memberId: member.id });
    if (outcome.kind === "notFound") {
      await reply(texts.noSuchLive(args.id));
      return;
    }
    await reply(member.optedOutAt ? texts.reservedOptedOut(outcome.title) : texts.reserved(outcome.title));
  },
});
