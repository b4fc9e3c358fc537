// A group-buy rushed on the mock puppet: 10 members send 参团 at once to a 3-person group-buy. Without
// the digest the room would get a 接龙 list per join; with it, the joins of a window leave as one
// message naming them, followed by each team's fullest 接龙 list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyDigestFlushJob } from "../../../../src/kernel/outbox/reply-digest.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const joiners = Array.from({ length: 10 }, (_, i) => `j${String(i + 1).padStart(2, "0")}`);
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", ...joiners] }] };

describe("a 参团 burst", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100", REPLY_DIGEST_WINDOW_MS: "5000" });
  });
  afterAll(async () => t?.stop());

  it("answers 10 joins in at most 2 room messages; every team's last 接龙 list is in the room", async () => {
    t.say("boss", "拼团 新建 大米 价39 3人团 截止明天22:00", "vip");
    const id = Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建拼团 #" })).text)![1]);
    await t.waitFor({ room: "vip", text: `【拼团 #${id}】` });
    await t.settle(5000);
    const from = t.sent.length;
    for (const member of joiners) t.say(member, `参团 ${id}`, "vip");
    // Three teams complete: their nine members are told privately.
    for (let i = 0; i < 9; i++) await t.waitFor({ text: "拼团成功" }, 10_000);
    await t.settle(20_000, { jobs: [replyDigestFlushJob.id] });

    const room = t.sent.slice(from).filter((m) => m.room === "vip");
    console.info(`参团 burst: ${room.length} room messages for 10 joins`);
    expect(room.length).toBeLessThanOrEqual(2);
    const said = room.map((m) => m.text).join("\n");
    // Each team's list as it ended: three full, one with one member.
    for (const team of [1, 2, 3]) expect(said).toMatch(new RegExp(`【拼团接龙 ${id}-${team}】[^【]*\\n3\\. j\\d\\d\\n已成团`));
    expect(said).toMatch(new RegExp(`【拼团接龙 ${id}-4】[^【]*\\n1\\. j\\d\\d\\n还差2人`));
    // Everyone is in a list; the digest names those it combined.
    for (const member of joiners) expect(said).toContain(`. ${member}\n`);
    expect(await t.app.db.order.count({ where: { source: "group_buy" } })).toBe(9);
  }, 60_000);
});
