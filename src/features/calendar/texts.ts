// What people read about the content calendar (内容日历): the week's view, replies to 日历 新增/删除 and
// 预约, the posts an item publishes, live reminders and the weekly rhythm notice. Chinese first, the
// English alias after " / ". Pure formatting. (Polls as posted, and the rhythm's gap lines, are in
// rules/calendar-item.ts.)
import { DateTime } from "luxon";
import { type CalendarKind, KIND_LABELS, renderPoll } from "./rules/calendar-item.js";

const WEEKDAY = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/** One occurrence in the week's view. */
interface WeekEntry {
  at: Date;
  item: { id: number; kind: CalendarKind; title: string };
}

interface PublishedItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  options: string[];
}

export const calendarTexts = {
  /** 日历 / 日历 下周: day by day from Monday; next week's view adds what it lacks against the plan. */
  week: (input: { from: Date; zone: string; next: boolean; occurrences: readonly WeekEntry[]; gaps?: string }) => {
    const { from, zone } = input;
    const lines = [`内容日历 ${DateTime.fromJSDate(from, { zone }).toFormat("MM-dd")} 起（${input.next ? "下周" : "本周"}）`];
    for (let d = 0; d < 7; d++) {
      const day = DateTime.fromJSDate(from, { zone }).plus({ days: d });
      const today = input.occurrences.filter((o) => DateTime.fromJSDate(o.at, { zone }).hasSame(day, "day"));
      lines.push(
        `${WEEKDAY[day.weekday]} ${day.toFormat("MM-dd")}：${
          today.length
            ? today
                .map(
                  (o) =>
                    `${DateTime.fromJSDate(o.at, { zone }).toFormat("HH:mm")} ${KIND_LABELS[o.item.kind].name}#${o.item.id}《${o.item.title}》`,
                )
                .join("；")
            : "—"
        }`,
      );
    }
    if (input.next) lines.push(...(input.gaps ? input.gaps.split("\n").map((gap) => `⚠ ${gap}`) : ["✓ 已达到每周计划"]));
    return lines.join("\n");
  },
  duplicate: (itemId: number) => `日历里已有相同的条目 #${itemId}（类型、标题、时间、群都一样），没有重复添加。/ Already in the calendar.`,
  /** `when`: as typed; `repeats`: a recurrence; `rooms`: the rooms and the room tag, as named. */
  added: (itemId: number, title: string, when: string, repeats: boolean, rooms: readonly string[]) =>
    `已加入日历 #${itemId}《${title}》，${repeats ? `重复：${when}` : `时间：${when}`}，群：${rooms.join("、")}。删除：日历 删除 ${itemId} / Added.`,
  roomTagName: (tag: string) => `群标签 ${tag}`,
  removed: (itemId: number) => `已删除日历 #${itemId}。/ Removed.`,
  noSuchItem: (itemId: number) => `没有日历 #${itemId}。/ No such item.`,
  noSuchLive: (itemId: number) => `没有编号 ${itemId} 的直播。/ No such live stream.`,
  reserved: (title: string) => `已预约直播《${title}》，开播前会私聊提醒你。/ Reserved.`,
  // Reminders are marketing, so an opted-out member would wait in vain: say so rather than promise.
  reservedOptedOut: (title: string) =>
    `已预约直播《${title}》。你已退订推送，开播提醒不会发出；发送「订阅」即可收到。/ Reserved, but you unsubscribed: send #subscribe to get the reminder.`,

  // ── refusals of 日历 新增 and the CSV import ──
  unknownRooms: (topics: readonly string[]) => `找不到群：${topics.join("、")} / unknown room`,
  liveNeedsStart: "直播要写开始时间，例如 时间:11-25 20:00 / a live needs a start time",
  noRoomWithTag: (tag: string) => `没有群带群标签「${tag}」：先用「群标签 群名 +${tag}」给群加上。/ No room has tag ${tag}`,

  // ── what an item posts ──
  /** An item's post in its rooms: a poll, or a head, the body and the link. */
  post: (item: PublishedItem) => {
    if (item.kind === "interaction" && item.options.length) return renderPoll(item.title, item.options, item.id);
    const head = item.kind === "article" ? "【文章】" : item.kind === "live" ? "【直播开始】" : "【互动】";
    return [`${head}${item.title}`, item.body, item.link ?? ""].filter(Boolean).join("\n");
  },
  /** How soon a live starts: "1 小时", "15 分钟". */
  soon: (minutesBefore: number) => (minutesBefore >= 60 ? `${minutesBefore / 60} 小时` : `${minutesBefore} 分钟`),
  liveSoonInRoom: (item: { id: number; title: string; link: string | null }, soon: string, start: string) =>
    `【直播预告】《${item.title}》还有 ${soon}开始（${start}）${item.link ? `\n${item.link}` : ""}\n回复「预约 ${item.id}」开播前私聊提醒你`,
  liveSoonPrivately: (item: { title: string; link: string | null }, soon: string, start: string) =>
    `你预约的直播《${item.title}》还有 ${soon}开始（${start}）。${item.link ?? ""}`,
  /** The weekly rhythm notice to operators: the gaps, the plan, and what to do. */
  rhythm: (gaps: string, plan: Partial<Record<CalendarKind, number>>) =>
    `【内容日历】${gaps}\n（计划每个群组每周 ${Object.entries(plan)
      .map(([k, n]) => `${KIND_LABELS[k as CalendarKind].name} ${n}`)
      .join("、")}）。用「日历 新增 …」补上。`,
};
