import { describe, expect, it } from "vitest";
import { nextStreak, previousDay } from "../../../../src/features/loyalty/rules/check-in-streak.js";
import { parseNewExchangeItemWords, ZNewExchangeItemArgs } from "../../../../src/features/loyalty/rules/exchange-args.js";
import { isLevelUp, levelFor } from "../../../../src/features/loyalty/rules/levels.js";
import { availablePoints, computeLots, expiryOf, nextExpiry, pointsForCents } from "../../../../src/features/loyalty/rules/lots.js";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const lot = (id: number, points: number, expires: string) => ({ id, points, expiresAt: d(expires), lotId: null });
const debit = (id: number, points: number) => ({ id, points, expiresAt: null, lotId: null });
const reversal = (id: number, points: number, lotId: number) => ({ id, points, expiresAt: null, lotId });

describe("lots: FIFO over the ledger", () => {
  it.each([
    { name: "no debits", rows: [lot(1, 100, "2027-01-01"), lot(2, 50, "2027-02-01")], remaining: [100, 50] },
    {
      name: "a spend takes the oldest first",
      rows: [lot(2, 50, "2027-02-01"), lot(1, 100, "2027-01-01"), debit(3, -120)],
      remaining: [0, 30],
    },
    {
      name: "a release gives back to the oldest",
      rows: [lot(1, 100, "2027-01-01"), lot(2, 50, "2027-02-01"), debit(3, -120), debit(4, 120)],
      remaining: [100, 50],
    },
    {
      name: "a reversal shrinks its own lot, not the oldest",
      rows: [lot(1, 100, "2027-01-01"), lot(2, 50, "2027-02-01"), reversal(3, -50, 2)],
      remaining: [100, 0],
    },
    { name: "spent lot reversed by nothing", rows: [lot(1, 100, "2027-01-01"), debit(2, -100), reversal(3, 0, 1)], remaining: [0] },
    {
      name: "expiry takes what is left of a lot",
      rows: [lot(1, 100, "2027-01-01"), lot(2, 50, "2027-02-01"), debit(3, -30), debit(4, -70)],
      remaining: [0, 50],
    },
  ])("$name", ({ rows, remaining }) => {
    expect(computeLots(rows).map((l) => l.remaining)).toEqual(remaining);
  });

  it("counts only lots not yet expired, and names the next expiry", () => {
    const lots = computeLots([lot(1, 100, "2027-01-01"), lot(2, 50, "2027-02-01"), debit(3, -30)]);
    expect(availablePoints(lots, d("2026-12-01"))).toBe(120);
    expect(availablePoints(lots, d("2027-01-15"))).toBe(50);
    expect(nextExpiry(lots, d("2026-12-01"))).toEqual({ at: d("2027-01-01"), points: 70 });
  });

  it("earns ¥1 = 1 point rounded down, and expires 12 months later (month end clamped)", () => {
    expect(pointsForCents(12_999, 1)).toBe(129);
    expect(pointsForCents(12_999, 0.5)).toBe(64);
    expect(expiryOf(new Date("2026-03-15T04:00:00Z"), 12).toISOString()).toBe("2027-03-15T04:00:00.000Z");
    expect(expiryOf(new Date("2028-02-29T04:00:00Z"), 12).toISOString()).toBe("2029-02-28T04:00:00.000Z");
  });
});

describe("levels, streaks and the 兑换 新增 words", () => {
  const levels = [
    { name: "普通", minSpendCents: 0 },
    { name: "银卡", minSpendCents: 100_000 },
    { name: "金卡", minSpendCents: 500_000 },
  ];
  it("gives the highest level reached, and knows an upgrade", () => {
    expect(levelFor(levels, 0)).toBe("普通");
    expect(levelFor(levels, 100_000)).toBe("银卡");
    expect(levelFor(levels, 9_999_999)).toBe("金卡");
    expect(isLevelUp(levels, undefined, "普通")).toBe(false);
    expect(isLevelUp(levels, undefined, "银卡")).toBe(true);
    expect(isLevelUp(levels, "金卡", "银卡")).toBe(false);
  });
  it("counts streaks with a bonus on every 7th day", () => {
    expect(previousDay("2026-03-01")).toBe("2026-02-28");
    expect(nextStreak(undefined)).toEqual({ streak: 1, bonus: false });
    expect(nextStreak(6)).toEqual({ streak: 7, bonus: true });
    expect(nextStreak(13)).toEqual({ streak: 14, bonus: true });
  });
  it("reads 兑换 新增 words", () => {
    expect(ZNewExchangeItemArgs.parse(parseNewExchangeItemWords(["满200减30", "300", "库存50"]))).toEqual({
      name: "满200减30",
      points: 300,
      stock: 50,
      gift: false,
    });
    expect(ZNewExchangeItemArgs.parse(parseNewExchangeItemWords(["保温杯", "800", "礼品"]))).toMatchObject({ gift: true });
    expect(ZNewExchangeItemArgs.safeParse(parseNewExchangeItemWords(["满200减30", "很多"])).success).toBe(false);
    expect(ZNewExchangeItemArgs.safeParse(parseNewExchangeItemWords(["满200减30", "300", "库存x"])).success).toBe(false);
  });
});
