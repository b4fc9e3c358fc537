// Working hours for the response windows: time outside them does not count, across nights and days;
// the marks follow; red never gets them (windowOf); the setting is off by default and a bad value is named.
import { describe, expect, it } from "vitest";
import { markAt, type Window } from "../../../../src/features/service-desk/rules/deadlines.js";
import { addWorkingTime, type WorkingHours } from "../../../../src/features/service-desk/rules/working-hours.js";
import { windowOf } from "../../../../src/features/service-desk/schedule-ticket-timers.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { ConfigError, loadConfig } from "../../../../src/kernel/config.js";

const H = 3_600_000;
const NINE_TO_NINE: WorkingHours = { window: { startMinute: 9 * 60, endMinute: 21 * 60 }, zone: "Asia/Shanghai" };
/** A Shanghai wall-clock time as an instant (UTC+8). */
const cst = (text: string) => new Date(`${text}+08:00`);

describe("addWorkingTime", () => {
  it("runs straight through inside the hours", () => {
    expect(addWorkingTime(cst("2026-12-02T10:00:00"), 4 * H, NINE_TO_NINE)).toEqual(cst("2026-12-02T14:00:00"));
  });
  it("stops at the close and goes on at the next opening", () => {
    expect(addWorkingTime(cst("2026-12-02T20:30:00"), H, NINE_TO_NINE)).toEqual(cst("2026-12-03T09:30:00"));
    expect(addWorkingTime(cst("2026-12-02T19:00:00"), 4 * H, NINE_TO_NINE)).toEqual(cst("2026-12-03T11:00:00"));
  });
  it("starts at the opening for a ticket opened at night, before or after midnight", () => {
    expect(addWorkingTime(cst("2026-12-02T23:00:00"), 4 * H, NINE_TO_NINE)).toEqual(cst("2026-12-03T13:00:00"));
    expect(addWorkingTime(cst("2026-12-03T02:00:00"), 4 * H, NINE_TO_NINE)).toEqual(cst("2026-12-03T13:00:00"));
  });
  it("spans several working days for a long window", () => {
    // 24 h of working time from 10:00 = 11 h today, 12 h tomorrow, 1 h the day after.
    expect(addWorkingTime(cst("2026-12-02T10:00:00"), 24 * H, NINE_TO_NINE)).toEqual(cst("2026-12-04T10:00:00"));
  });
  it("ends exactly at the close when the time left fits to the minute", () => {
    expect(addWorkingTime(cst("2026-12-02T17:00:00"), 4 * H, NINE_TO_NINE)).toEqual(cst("2026-12-02T21:00:00"));
  });
});

describe("the marks with working hours", () => {
  const window: Window = { startAt: cst("2026-12-02T19:00:00"), pausedMs: 0, windowMs: 4 * H, workingHours: NINE_TO_NINE };
  it("puts the 50 % and 80 % reminders and the breach in working time", () => {
    expect(markAt(window, "warn50")).toEqual(cst("2026-12-02T21:00:00"));
    expect(markAt(window, "warn80")).toEqual(cst("2026-12-03T10:12:00"));
    expect(markAt(window, "breach")).toEqual(cst("2026-12-03T11:00:00"));
    expect(markAt({ ...window, workingHours: undefined }, "breach")).toEqual(cst("2026-12-02T23:00:00"));
  });
  it("gives them to yellow and green only: red always runs", () => {
    const app = { config: loadConfig({ SERVICE_WORKING_HOURS: "09:00-21:00" }) } as unknown as AppContext;
    const ticket = { windowStartAt: window.startAt, pausedMs: 0 };
    expect(markAt(windowOf(app, { ...ticket, colour: "yellow" }), "breach")).toEqual(cst("2026-12-03T11:00:00"));
    expect(markAt(windowOf(app, { ...ticket, colour: "red" }), "breach")).toEqual(cst("2026-12-02T20:00:00"));
    const off = { config: loadConfig({}) } as unknown as AppContext;
    expect(markAt(windowOf(off, { ...ticket, colour: "yellow" }), "breach")).toEqual(cst("2026-12-02T23:00:00"));
  });
});

describe("SERVICE_WORKING_HOURS", () => {
  it("is off by default and reads HH:MM-HH:MM within a day", () => {
    expect(loadConfig({}).service.workingHours).toBeNull();
    expect(loadConfig({ SERVICE_WORKING_HOURS: "09:00-21:00" }).service.workingHours).toEqual({ startMinute: 540, endMinute: 1260 });
  });
  it("names a bad value, and a span past midnight", () => {
    for (const value of ["9-21", "21:00-09:00"]) {
      try {
        loadConfig({ SERVICE_WORKING_HOURS: value });
        expect.unreachable(value);
      } catch (error) {
        expect(error, value).toBeInstanceOf(ConfigError);
        expect(String((error as ConfigError).problems), value).toContain("SERVICE_WORKING_HOURS");
      }
    }
  });
});
