import { describe, expect, it } from "vitest";
import {
  occurrencesBetween,
  parseCalendarDraft,
  parseWhen,
  renderPollResult,
  rhythmGaps,
  weekStart,
} from "../../../../src/features/calendar/rules/calendar-item.js";
import { parseSchedule, renderPushText, splitVariants, variantFor } from "../../../../src/features/pushes/rules/push-text.js";

const zone = "Asia/Shanghai";
const now = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai

describe("calendar times", () => {
  it("reads weekly, daily, cron and one-off forms", () => {
    expect(parseWhen("每周一三五 20:00", now, zone)).toEqual({ kind: "cron", cron: "0 20 * * 1,3,5" });
    expect(parseWhen("每周日 9:30", now, zone)).toEqual({ kind: "cron", cron: "30 9 * * 0" });
    expect(parseWhen("每天 08:05", now, zone)).toEqual({ kind: "cron", cron: "5 8 * * *" });
    expect(parseWhen("0 20 * * 2", now, zone)).toEqual({ kind: "cron", cron: "0 20 * * 2" });
    expect(parseWhen("明天20:00", now, zone)).toEqual({ kind: "once", at: new Date("2026-11-24T12:00:00Z") });
    expect(parseWhen("11-30 20:00", now, zone)).toEqual({ kind: "once", at: new Date("2026-11-30T12:00:00Z") });
    expect(parseWhen("每周八 20:00", now, zone).kind).toBe("invalid");
    expect(parseWhen("61 * * * *", now, zone).kind).toBe("invalid");
  });

  it("takes the shared time forms for one-offs and recurrences, and refuses a past one-off", () => {
    expect(parseWhen("今晚20:00", now, zone)).toEqual({ kind: "once", at: new Date("2026-11-23T12:00:00Z") });
    expect(parseWhen("明天 晚上8点", now, zone)).toEqual({ kind: "once", at: new Date("2026-11-24T12:00:00Z") });
    expect(parseWhen("12月1日 20:00", now, zone)).toEqual({ kind: "once", at: new Date("2026-12-01T12:00:00Z") });
    expect(parseWhen("每天 晚上8点", now, zone)).toEqual({ kind: "cron", cron: "0 20 * * *" });
    expect(parseWhen("每周二 下午3点半", now, zone)).toEqual({ kind: "cron", cron: "30 15 * * 2" });
    // 10:00 now: 09:00 today has passed and is refused, not moved to tomorrow.
    expect(parseWhen("09:00", now, zone)).toEqual({
      kind: "invalid",
      message: expect.stringContaining("今天 09:00 已经过去了，要明天请写「明天09:00」"),
    });
    expect(parseWhen("11-20 20:00", now, zone)).toEqual({ kind: "invalid", message: expect.stringContaining("已经过去了") });
  });

  it("lists a week's occurrences of recurring and one-off items", () => {
    const from = weekStart(now, zone, 1);
    const to = weekStart(now, zone, 2);
    const items = [
      { id: 1, kind: "article", title: "a", cron: "0 20 * * 1,3,5", publishAt: null },
      { id: 2, kind: "live", title: "l", cron: null, publishAt: new Date("2026-12-02T12:00:00Z") },
      { id: 3, kind: "live", title: "old", cron: null, publishAt: new Date("2026-11-24T12:00:00Z") },
    ];
    const found = occurrencesBetween(items, from, to, zone);
    expect(found.map((o) => o.item.id)).toEqual([1, 1, 2, 1]);
    expect(found[0]!.at).toEqual(new Date("2026-11-30T12:00:00Z"));
  });

  it("names what a week lacks against the plan", () => {
    const plan = { article: 3, live: 1, interaction: 2 };
    expect(rhythmGaps(plan, { article: 2, live: 1, interaction: 1 })).toBe("下周缺 1 篇文章、1 次互动");
    expect(rhythmGaps(plan, { article: 3, live: 1, interaction: 2 })).toBeUndefined();
    expect(rhythmGaps(plan, {})).toBe("下周缺 3 篇文章、1 次直播、2 次互动");
  });

  it("reads an operator's item with key:value parts", () => {
    const parsed = parseCalendarDraft("投票 下期直播选品 时间:每周二 20:00 群:VIP群,北京1群 选项:面霜/精华/防晒 内容:请投票");
    expect(parsed).toEqual({
      ok: true,
      draft: {
        kind: "interaction",
        title: "下期直播选品",
        body: "请投票",
        link: undefined,
        when: "每周二 20:00",
        rooms: ["VIP群", "北京1群"],
        roomTag: undefined,
        options: ["面霜", "精华", "防晒"],
      },
    });
    expect(parseCalendarDraft("投票 只有一个 时间:每周二 20:00 群:VIP群 选项:A").ok).toBe(false);
    expect(parseCalendarDraft("文章 标题 群:VIP群").ok).toBe(false);
    expect(parseCalendarDraft("视频 标题 时间:每天 9:00 群:VIP群").ok).toBe(false);
  });

  it("counts poll votes per option", () => {
    expect(renderPollResult("选品", ["面霜", "精华"], [1, 2, 1])).toBe(
      "【投票结果】选品（共 3 票）\n1. 面霜：2 票（67%）\n2. 精华：1 票（33%）",
    );
  });
});

describe("push text", () => {
  it("splits variants, rotates them per member, fills {昵称}", () => {
    const variants = splitVariants("|{昵称}，新品到了 |{昵称}你好");
    expect(variants).toEqual(["{昵称}，新品到了", "{昵称}你好"]);
    expect(variantFor(variants, 4)).toBe(variants[0]);
    expect(variantFor(variants, 5)).toBe(variants[1]);
    expect(renderPushText(variants[0]!, { name: "Alice" })).toBe("Alice，新品到了");
    expect(renderPushText("{昵称} {券码}", { name: "A" }, { 券码: "X1" })).toBe("A X1");
  });

  it("reads a schedule in community time", () => {
    expect(parseSchedule("@ 明天10:00 新品", now, zone)).toEqual({ kind: "at", at: new Date("2026-11-24T02:00:00Z"), rest: "新品" });
    expect(parseSchedule("新品", now, zone)).toEqual({ kind: "none", rest: "新品" });
    expect(parseSchedule("@ 今天09:00 x", now, zone).kind).toBe("invalid");
  });

  it("refuses a past bare time instead of moving it to tomorrow", () => {
    // 00:12 in Shanghai.
    const justAfterMidnight = new Date("2026-11-22T16:12:00Z");
    expect(parseSchedule("@ 00:05 早安", justAfterMidnight, zone)).toEqual({
      kind: "invalid",
      message: expect.stringContaining("今天 00:05 已经过去了，要明天请写「明天00:05」"),
    });
    expect(parseSchedule("@ 09:00 早安", now, zone)).toEqual({
      kind: "invalid",
      message: expect.stringContaining("要明天请写「明天09:00」"),
    });
  });

  it("reads the shared time forms, full-width ones too, and keeps the content as typed", () => {
    expect(parseSchedule("@ 今晚20:00 新品", now, zone)).toEqual({ kind: "at", at: new Date("2026-11-23T12:00:00Z"), rest: "新品" });
    expect(parseSchedule("@ 明天 晚上8点 新品９折", now, zone)).toEqual({
      kind: "at",
      at: new Date("2026-11-24T12:00:00Z"),
      rest: "新品９折",
    });
    expect(parseSchedule("＠ 明天１０：００ 新品", now, zone)).toEqual({ kind: "at", at: new Date("2026-11-24T02:00:00Z"), rest: "新品" });
    expect(parseSchedule("@ 12/01 20:00 x", now, zone)).toEqual({ kind: "at", at: new Date("2026-12-01T12:00:00Z"), rest: "x" });
    expect(parseSchedule("@ 晚些 x", now, zone).kind).toBe("invalid");
  });

  it("takes a time written after the content as the schedule", () => {
    expect(parseSchedule("第二条 @ 明天10:00", now, zone)).toEqual({ kind: "at", at: new Date("2026-11-24T02:00:00Z"), rest: "第二条" });
    expect(parseSchedule("|早安 |你好 @ 今晚8点", now, zone)).toEqual({
      kind: "at",
      at: new Date("2026-11-23T12:00:00Z"),
      rest: "|早安 |你好",
    });
    expect(parseSchedule("第二条 @ 09:00", now, zone)).toEqual({ kind: "invalid", message: expect.stringContaining("已经过去了") });
    // Not a time: content.
    expect(parseSchedule("有问题找 @ 小王", now, zone)).toEqual({ kind: "none", rest: "有问题找 @ 小王" });
  });
});
