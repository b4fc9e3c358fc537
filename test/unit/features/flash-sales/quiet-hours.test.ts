import { describe, expect, it } from "vitest";
import { grabReply, quietHoursWarning, wonInRoomReply } from "../../../../src/features/flash-sales/texts.js";
import { deadlineQuietHoursNote, groupBuyTexts } from "../../../../src/features/group-buys/texts.js";
import { parseClockWindow } from "../../../../src/kernel/time/clock-window.js";
import { overlapsQuietHours } from "../../../../src/kernel/time/quiet-hours-overlap.js";

const zone = "Asia/Shanghai";
const quiet = parseClockWindow("22:00-08:00")!;
// Instants of 2026-11-24 in Shanghai (UTC+8).
const local = (hhmm: string, day = 24) => new Date(`2026-11-${day}T${hhmm}:00+08:00`);

describe("a sale meeting quiet hours", () => {
  it("overlaps when it starts, runs or ends inside the window", () => {
    expect(overlapsQuietHours(quiet, local("22:30"), local("23:00"), zone)).toBe(true);
    expect(overlapsQuietHours(quiet, local("21:30"), local("22:30"), zone)).toBe(true);
    expect(overlapsQuietHours(quiet, local("07:30"), local("08:30"), zone)).toBe(true);
    expect(overlapsQuietHours(quiet, local("20:00"), local("09:00", 25), zone)).toBe(true);
  });

  it("does not overlap a sale wholly in the day, nor anything with quiet hours off", () => {
    expect(overlapsQuietHours(quiet, local("20:00"), local("22:00"), zone)).toBe(false);
    expect(overlapsQuietHours(quiet, local("08:00"), local("09:00"), zone)).toBe(false);
    expect(overlapsQuietHours(null, local("23:00"), local("23:30"), zone)).toBe(false);
  });

  it("warns the operator with the window and a time to pick instead", () => {
    expect(quietHoursWarning(quiet)).toContain("免打扰（22:00–08:00）");
    expect(quietHoursWarning(quiet)).toContain("建议改到 08:00–22:00");
  });

  it("notes a group-buy whose deadline is in the window, not one in the day or with quiet hours off", () => {
    expect(deadlineQuietHoursNote(quiet, zone, local("23:00"))).toContain("截止时间在免打扰时段（22:00–08:00）");
    expect(deadlineQuietHoursNote(quiet, zone, local("07:59"))).toContain("群里的结果 08:00 后发出");
    expect(deadlineQuietHoursNote(quiet, zone, local("21:59"))).toBe("");
    expect(deadlineQuietHoursNote(null, zone, local("23:00"))).toBe("");
  });
});

describe("grab and cancel texts", () => {
  it("tells a winner in the room the order number's tail", () => {
    expect(wonInRoomReply("F7KQ2M9XRT4")).toContain("订单尾号 XRT4，详情已私信");
  });

  it("says cancelled, and not in a target room when asked privately", () => {
    expect(grabReply({ kind: "cancelled" }, 12, zone)).toContain("秒杀 #12已取消");
    expect(grabReply({ kind: "notInRoom" }, 12, zone, false)).toContain("你不在秒杀 #12的群里");
    expect(grabReply({ kind: "notInRoom" }, 12, zone)).toContain("不在本群");
  });

  it("a cancelled group-buy with complete teams says their orders stand", () => {
    const g = { id: 7, product: "大米", priceCents: 3900, teamSize: 3, perMemberLimit: 1, deadline: local("22:00") };
    expect(groupBuyTexts.cancelled(g, 0, 2)).toContain("已取消，不会扣款");
    expect(groupBuyTexts.cancelled(g, 1, 2)).toContain("已成团的 1个团订单照常有效");
    expect(groupBuyTexts.cancelled(g, 1, 2)).not.toContain("拼团已取消，不会扣款");
  });
});
