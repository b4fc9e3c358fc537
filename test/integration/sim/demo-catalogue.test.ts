import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncRoomMembers } from "../../../src/features/community/sync-room-members.js";
import { readModelReport, suggestBundles } from "../../../src/features/recommendations/index.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { demoCommunity } from "../../../src/sim/demo-community.js";
import { seedDemoHistory } from "../../../src/sim/demo-history.js";
import { createTestApp } from "../../support/test-app.js";

const at = new Date("2026-11-23T08:00:00Z");

describe("the demo's catalogue and recommendations", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    // As the demo runs: 30 members, so a pair needs 3 co-buyers there.
    ({ app, cleanup } = await createTestApp({ RECO_MIN_SUPPORT: "3" }, { now: () => at }));
    for (const room of demoCommunity.rooms) {
      await syncRoomMembers(app, {
        wechatRoomId: `${room.id}@chatroom`,
        topic: room.topic,
        members: room.members.map((id) => ({ wechatId: id, name: demoCommunity.names?.[id] ?? id })),
        at,
      });
    }
    await seedDemoHistory(app);
  });
  afterAll(() => cleanup());

  it("gives the demo's orders lines, and 套餐 建议 / 推荐 报告 something sensible to show", async () => {
    expect(await app.db.orderLine.count()).toBeGreaterThan(100);
    const suggestions = await suggestBundles(app);
    expect(suggestions.map((s) => `${s.from}+${s.to}`)).toContain("电动牙刷+2 年延保");
    const report = await readModelReport(app);
    expect(report.covered).toBe(report.members);
    expect(report.bySource.pair).toBeGreaterThan(0);
  });
});
