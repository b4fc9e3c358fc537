import { describe, expect, it } from "vitest";
import { formatClockWindow, parseClockWindow, windowEndAfter } from "../../../../src/kernel/time/clock-window.js";

const zone = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);

describe("clock windows (quiet hours)", () => {
  it("parses HH:MM-HH:MM and refuses anything else", () => {
    expect(parseClockWindow("22:00-08:00")).toEqual({ startMinute: 1320, endMinute: 480 });
    expect(parseClockWindow("9:30-12:00")).toEqual({ startMinute: 570, endMinute: 720 });
    for (const bad of ["22-08", "25:00-08:00", "22:00", "10:00-10:00", "a-b", "22:00-08:00-09:00"]) {
      expect(parseClockWindow(bad)).toBeUndefined();
    }
    expect(formatClockWindow(parseClockWindow("22:00-08:00")!)).toBe("22:00-08:00");
  });

  it("gives the end of a window that wraps past midnight, in the community's zone", () => {
    const quiet = parseClockWindow("22:00-08:00")!;
    // 23:00 in Shanghai → next 08:00 Shanghai = 00:00 UTC.
    expect(windowEndAfter(quiet, at("2026-11-23T15:00:00Z"), zone)).toEqual(at("2026-11-24T00:00:00Z"));
    // 03:00 in Shanghai → 08:00 the same day.
    expect(windowEndAfter(quiet, at("2026-11-23T19:00:00Z"), zone)).toEqual(at("2026-11-24T00:00:00Z"));
    // 12:00 in Shanghai → outside.
    expect(windowEndAfter(quiet, at("2026-11-23T04:00:00Z"), zone)).toBeUndefined();
  });

  it("handles a window within one day", () => {
    const lunch = parseClockWindow("12:00-13:30")!;
    expect(windowEndAfter(lunch, at("2026-11-23T04:10:00Z"), zone)).toEqual(at("2026-11-23T05:30:00Z"));
    expect(windowEndAfter(lunch, at("2026-11-23T05:30:00Z"), zone)).toBeUndefined();
  });
});
