import { describe, expect, it } from "vitest";
import { pushPace } from "../../../../src/features/pushes/rules/push-pace.js";

const zone = "Asia/Shanghai";
// 10:00 community time on 2026-11-23.
const sendAt = new Date("2026-11-23T02:00:00Z");
const hours = (h: number) => new Date(sendAt.getTime() + h * 3_600_000);

describe("pushPace", () => {
  it("sends a push within the day's allowance on the first day", () => {
    expect(pushPace({ expected: 200, dailyCap: 300, usedOnFirstDay: 0, sendAt, validUntil: hours(24), timeZone: zone })).toEqual({
      dailyCap: 300,
      leftOnFirstDay: 300,
      days: 1,
      deliverable: 200,
    });
  });

  it("counts what is left today and one more day's allowance for a 24 h validity that crosses midnight", () => {
    const pace = pushPace({ expected: 700, dailyCap: 300, usedOnFirstDay: 100, sendAt, validUntil: hours(24), timeZone: zone });
    expect(pace).toEqual({ dailyCap: 300, leftOnFirstDay: 200, days: 3, deliverable: 500 });
  });

  it("gives only today's remainder when the validity ends before the community's midnight", () => {
    expect(pushPace({ expected: 700, dailyCap: 300, usedOnFirstDay: 100, sendAt, validUntil: hours(12), timeZone: zone }).deliverable).toBe(
      200,
    );
  });

  it("delivers everything when the validity spans enough days, spread over them", () => {
    expect(pushPace({ expected: 700, dailyCap: 300, usedOnFirstDay: 100, sendAt, validUntil: hours(72), timeZone: zone })).toMatchObject({
      days: 3,
      deliverable: 700,
    });
  });

  it("has nothing left today when the cap is used up", () => {
    expect(pushPace({ expected: 50, dailyCap: 300, usedOnFirstDay: 300, sendAt, validUntil: hours(6), timeZone: zone })).toMatchObject({
      leftOnFirstDay: 0,
      deliverable: 0,
      days: 2,
    });
  });
});
