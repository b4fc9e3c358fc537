// A coupon drop rushed on the mock puppet: 20 members send 领券 at once for 3 coupons. The 3 codes go
// privately, one each; the 17 refusals reach the room combined by the reply digest, not one line each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyDigestFlushJob } from "../../../../src/kernel/outbox/reply-digest.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const claimers = Array.from({ length: 20 }, (_, i) => `c${String(i + 1).padStart(2, "0")}`);
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", ...claimers] }] };

describe("a 领券 burst", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100", REPLY_DIGEST_WINDOW_MS: "5000" });
  });
  afterAll(async () => t?.stop());

  it("gives 3 codes privately and tells the other 17 in at most 2 room messages", async () => {
    t.say("boss", "券 新建 抢券30 满减 面额30 门槛200", "vip");
    await t.waitFor({ room: "vip", text: "已新建" });
    t.say("boss", "发券 抢券30 3", "vip");
    await t.waitFor({ room: "vip", text: "已放出" });
    await t.settle(5000);
    const from = t.sent.length;
    for (const member of claimers) t.say(member, "领券", "vip");
    for (let i = 0; i < 3; i++) await t.waitFor({ text: "领券成功" }, 10_000);
    await t.settle(20_000, { jobs: [replyDigestFlushJob.id] });

    const room = t.sent.slice(from).filter((m) => m.room === "vip");
    console.info(`领券 burst: ${room.length} room messages for 17 refusals`);
    expect(room.length).toBeLessThanOrEqual(2);
    const winners = new Set(
      t.sent
        .slice(from)
        .filter((m) => m.to && m.text.includes("领券成功"))
        .map((m) => m.to!),
    );
    expect(winners.size).toBe(3);
    const said = room.map((m) => m.text).join("\n");
    for (const member of claimers) {
      if (winners.has(member)) expect(said).not.toContain(`@${member} `);
      else expect(said).toContain(`@${member} `);
    }
    expect(said).toContain("已领完");
  }, 60_000);
});
