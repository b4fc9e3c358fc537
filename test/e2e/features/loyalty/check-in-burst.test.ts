// A 签到 wave on the mock puppet with the reply digest on: 20 members check in at once in one room; the
// room hears a few combined lines naming everyone (not 20), and each member's check-in is recorded once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyDigestFlushJob } from "../../../../src/kernel/outbox/reply-digest.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const members = Array.from({ length: 20 }, (_, i) => `c${String(i + 1).padStart(2, "0")}`);
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", ...members] }] };

describe("a 签到 burst", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { REPLY_DIGEST_WINDOW_MS: "1500", COMMANDS_PER_MINUTE: "100" });
  });
  afterAll(async () => t?.stop());

  it("folds 20 check-ins into a few room messages naming everyone", async () => {
    await t.settle(5000);
    const from = t.sent.length;
    for (const member of members) t.say(member, "签到", "vip");
    const said = () =>
      t.sent
        .slice(from)
        .filter((m) => m.room === "vip")
        .map((m) => m.text)
        .join("\n");
    await expect.poll(() => members.every((m) => said().includes(`@${m}`)), { timeout: 15_000, interval: 20 }).toBe(true);
    await t.settle(20_000, { jobs: [replyDigestFlushJob.id] });
    const room = t.sent.slice(from).filter((m) => m.room === "vip");
    expect(room.length).toBeLessThanOrEqual(4);
    expect(said()).toContain("签到成功 +5");
    expect(await t.app.db.checkIn.count()).toBe(20);
    expect(await t.app.db.pointEntry.count({ where: { source: "checkin" } })).toBe(20);
  });
});
