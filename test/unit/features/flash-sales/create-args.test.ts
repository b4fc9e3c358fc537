import { describe, expect, it } from "vitest";
import { parseFlashSaleArgs, parseMove } from "../../../../src/features/flash-sales/rules/create-args.js";
import { parseGroupBuyArgs } from "../../../../src/features/group-buys/rules/create-args.js";

const at = { now: new Date("2026-11-23T02:30:00Z"), zone: "Asia/Shanghai" };
const flash = (line: string) => parseFlashSaleArgs(line.split(" "), at);
const group = (line: string) => parseGroupBuyArgs(line.split(" "), at);
const problem = (r: { ok: boolean; problem?: string }) => (r.ok ? "" : r.problem!);

describe("parseFlashSaleArgs", () => {
  it("reads the operator's one line", () => {
    const r = flash("电动牙刷 价99 原价199 库存100 明天20:00 30分钟");
    expect(r).toEqual({
      ok: true,
      value: {
        product: "电动牙刷",
        priceCents: 9900,
        originalPriceCents: 19900,
        stock: 100,
        perMemberLimit: 1,
        startsAt: new Date("2026-11-24T12:00:00Z"),
        endsAt: new Date("2026-11-24T12:30:00Z"),
        allRooms: false,
      },
    });
  });

  it("reads a limit, all rooms, a dated start and English keys", () => {
    const r = flash("牙刷 price9.9 stock5 12-01 20:00 2h 限购2 全部");
    expect(r.ok && r.value).toMatchObject({
      priceCents: 990,
      stock: 5,
      perMemberLimit: 2,
      allRooms: true,
      startsAt: new Date("2026-12-01T12:00:00Z"),
      endsAt: new Date("2026-12-01T14:00:00Z"),
    });
    expect(flash("牙刷 价1 库存1 现在 10m").ok).toBe(true);
  });

  it("takes a key's value from the next word: 价 99, 库存 100", () => {
    const r = flash("牙刷 价 99 原价 199 库存 100 限购 2 明天20:00 30分钟");
    expect(r.ok && r.value).toMatchObject({ product: "牙刷", priceCents: 9900, originalPriceCents: 19900, stock: 100, perMemberLimit: 2 });
  });

  it("says what is wrong", () => {
    expect(problem(flash("牙刷 价abc 库存100 明天20:00 30分钟"))).toContain("价格「abc」不是金额");
    expect(problem(flash("牙刷 价99 库存0 明天20:00 30分钟"))).toContain("库存要在 1");
    expect(problem(flash("牙刷 价99 库存100 09:00 30分钟"))).toContain("已经过去");
    expect(problem(flash("牙刷 价99 库存100 明天20:00"))).toContain("缺少时长");
    expect(problem(flash("牙刷 价99 明天20:00 30分钟"))).toContain("缺少库存");
    expect(problem(flash("牙刷 库存100 明天20:00 30分钟"))).toContain("缺少价格");
    expect(problem(flash("牙刷 价99 原价50 库存100 明天20:00 30分钟"))).toContain("原价要高于");
    expect(problem(flash("牙刷 价99 库存abc 明天20:00 30分钟"))).toContain("库存「abc」要写整数");
    expect(problem(flash("牙刷 价99 库存10 明天20:00 30分钟 随便"))).toContain("看不懂「随便」");
  });

  it("reads the time forms operators type, in one or two words, and full-width digits", () => {
    const start = (line: string) => {
      const r = flash(line);
      return r.ok ? r.value.startsAt.toISOString() : r.problem;
    };
    expect(start("牙刷 价99 库存10 今晚20:00 30分钟")).toBe("2026-11-23T12:00:00.000Z");
    expect(start("牙刷 价99 库存10 今晚8点 30分钟")).toBe("2026-11-23T12:00:00.000Z");
    expect(start("牙刷 价99 库存10 明天 晚上8点 30分钟")).toBe("2026-11-24T12:00:00.000Z");
    expect(start("牙刷 价99 库存10 tomorrow 20:00 30分钟")).toBe("2026-11-24T12:00:00.000Z");
    expect(start("牙刷 价99 库存10 12月1日 20:00 30分钟")).toBe("2026-12-01T12:00:00.000Z");
    expect(start("牙刷 价99 库存10 12/01 20:00 30分钟")).toBe("2026-12-01T12:00:00.000Z");
    const r = flash("ｉＰｈｏｎｅ 价９９ 库存１００ 明天20:00 1个半小时");
    expect(r.ok && r.value).toMatchObject({
      product: "ｉＰｈｏｎｅ",
      priceCents: 9900,
      stock: 100,
      endsAt: new Date("2026-11-24T13:30:00Z"),
    });
    expect(flash("牙刷 价99 库存10 明天20:00 半小时").ok).toBe(true);
  });

  it("names the range of a price or duration that is out of it, and the forms of a garbled time", () => {
    expect(problem(flash("牙刷 价99999999 库存100 明天20:00 30分钟"))).toContain("价格要在 ¥0.01–¥1,000,000 之间");
    expect(problem(flash("牙刷 价0 库存100 明天20:00 30分钟"))).toContain("价格要在 ¥0.01");
    expect(problem(flash("牙刷 价99 库存100 明天20:00 0分钟"))).toContain("时长要在 10秒 到 7天 之间（你写的是 0分钟）");
    expect(problem(flash("牙刷 价99 库存100 今晚2000 30分钟"))).toContain("看不懂时间「今晚2000」，请写 20:00、今晚8点、明天20:00");
    expect(flash("牙刷 价¥99 原价199元 库存10 明天20:00 30分钟").ok).toBe(true);
    expect(flash("牙刷 价￥99 库存10 明天20:00 30分钟").ok).toBe(true);
  });
});

describe("parseGroupBuyArgs", () => {
  it("reads the operator's one line", () => {
    const r = group("大米5kg 价39 3人团 截止明天22:00");
    expect(r).toEqual({
      ok: true,
      value: {
        product: "大米5kg",
        priceCents: 3900,
        teamSize: 3,
        perMemberLimit: 1,
        deadline: new Date("2026-11-24T14:00:00Z"),
        allRooms: false,
      },
    });
    expect(group("rice price39 team5 deadline 12-01 22:00 all").ok).toBe(true);
    expect(group("大米 价39 3人团 截止 明天 22:00").ok).toBe(true);
    const evening = group("大米 价39 3人团 截止明天 晚上10点");
    expect(evening.ok && evening.value.deadline).toEqual(new Date("2026-11-24T14:00:00Z"));
    expect(group("大米 价39 3人团 截止今晚10点").ok).toBe(true);
  });

  it("says what is wrong", () => {
    expect(problem(group("大米 价39 1人团 截止明天22:00"))).toContain("成团人数要在 2–50");
    expect(problem(group("大米 价39 截止明天22:00"))).toContain("缺少成团人数");
    expect(problem(group("大米 价abc 3人团 截止明天22:00"))).toContain("不是金额");
    expect(problem(group("大米 价39 3人团 截止09:00"))).toContain("已经过去");
    expect(problem(group("大米 价39 3人团"))).toContain("缺少截止时间");
  });
});

describe("parseMove", () => {
  it("reads a new start and an optional duration", () => {
    expect(parseMove(["明天21:00"], at)).toEqual({
      ok: true,
      value: { startsAt: new Date("2026-11-24T13:00:00Z"), durationMs: undefined },
    });
    expect(parseMove(["12-01", "20:00", "1h"], at)).toEqual({
      ok: true,
      value: { startsAt: new Date("2026-12-01T12:00:00Z"), durationMs: 3_600_000 },
    });
    expect(problem(parseMove(["09:00"], at))).toContain("已经过去");
    expect(problem(parseMove([], at))).toContain("新的开始时间");
  });
});

describe("what a problem quotes of the words typed", () => {
  // Issue 8: a reply repeats at most a short snippet of what was typed, never a pasted paragraph.
  it("quotes at most 20 characters of an unknown word, a bad number, a bad time or a bad price", () => {
    const long = "加微信wx123领100元红包".repeat(20);
    const problems = [
      problem(flash(`牙刷 价99 库存10 明天20:00 30分钟 ${long}`)),
      problem(flash(`牙刷 价99 库存${long} 明天20:00 30分钟`)),
      problem(flash(`牙刷 价${long} 库存10 明天20:00 30分钟`)),
      problem(group(`大米 价39 3人团 截止${long}`)),
      problem(flash(`牙刷 价99 库存10 明天20:00 30分钟 明天${long}`)),
    ];
    for (const text of problems) {
      expect(text).not.toContain(long.slice(0, 21));
      expect(text).toContain("加微信wx123领100元红包加…".slice(0, 10));
    }
  });
});
