// The mock world's fleet plumbing: one Mocker per account (wechaty-puppet-mock binds a Mocker to one
// puppet), one bot per account in one process, a room message reaching every account in the room
// with one message id, a logged-out account receiving nothing, private messages only between friends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotMessage, MockWorld } from "../../../src/bot/mock-world.js";
import { isUnreachableError } from "../../../src/bot/wechaty-sender.js";
import { type MockFleet, startMockFleet } from "../../../src/sim/start-mock-fleet.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

describe("a mock world with two accounts", () => {
  let env: TestEnv;
  let fleet: MockFleet;
  const world = new MockWorld({
    owner: "boss",
    accounts: ["helperA", "helperB"],
    names: { helperA: "小助手A", helperB: "小助手B" },
    rooms: [
      { id: "bj1", topic: "北京1群", members: ["boss", "alice", "bob"] },
      { id: "new", topic: "新品体验群", members: ["boss", "dave"], bots: ["helperB"] },
    ],
    friends: { helperB: ["dave", "bob"] },
  });
  const received: Record<string, Array<{ id: string; room?: string; talker: string }>> = { helperA: [], helperB: [] };
  const sent: BotMessage[] = [];

  beforeAll(async () => {
    for (const account of world.accounts) {
      account.puppet.on("message", ({ messageId }: { messageId: string }) => {
        const payload = account.mocker.messagePayload(messageId);
        if (payload.talkerId !== account.id) received[account.id]!.push({ id: messageId, room: payload.roomId, talker: payload.talkerId! });
      });
    }
    world.onBotMessage((message) => sent.push(message));
    env = await createTestEnv({ OWNER_WECHAT_ID: "boss", WECHATY_PUPPET: "mock" });
    fleet = await startMockFleet(env.config, world);
    await fleet.synced;
  });

  afterAll(async () => {
    await fleet?.stop();
    await env?.cleanup();
  });

  it("runs one bot per account, each logged in as its own account, and the job workers apart", () => {
    expect([...fleet.stacks.keys()]).toEqual(["helperA", "helperB"]);
    expect(
      [...fleet.stacks.values()].map((stack) => [stack.app.config.account, stack.bot!.bot.currentUser.id, stack.workers.length > 0]),
    ).toEqual([
      ["helperA", "helperA", false],
      ["helperB", "helperB", false],
    ]);
    expect([fleet.jobs!.bot, fleet.jobs!.workers.length > 0]).toEqual([undefined, true]);
    expect(world.accounts.map((account) => [...account.rooms.keys()])).toEqual([["bj1"], ["bj1", "new"]]);
  });

  it("delivers a room message to every account in the room with one message id, and to no other", () => {
    world.say("alice", "今天天气真好", "bj1");
    world.say("dave", "大家好", "new");
    expect(received.helperA!.map((m) => m.talker)).toEqual(["alice"]);
    expect(received.helperB!.map((m) => m.talker)).toEqual(["alice", "dave"]);
    expect(received.helperB![0]!.id).toBe(received.helperA![0]!.id);
  });

  it("answers a command in the shared room once, and names the account that sent each message", async () => {
    world.say("bob", "帮助", "bj1");
    await expect.poll(() => sent.filter((m) => m.room === "bj1").length, { timeout: 10_000 }).toBe(1);
    const answer = sent.find((m) => m.room === "bj1")!;
    expect(["helperA", "helperB"]).toContain(answer.via);
    await expect.poll(() => sent.filter((m) => m.to === "bob").map((m) => m.via), { timeout: 10_000 }).toEqual([answer.via]);
  });

  it("refuses a private message to an account that is not the person's friend; without via, picks one that is", () => {
    expect(() => world.say("alice", "退订", undefined, "helperB")).toThrow("alice is not a friend of helperB");
    expect(world.say("dave", "退订")).toBe("helperB");
    expect(world.say("alice", "订阅")).toBe("helperA");
  });

  it("refuses an account's private send to someone not its friend, in words the sender takes for not reachable", async () => {
    const refused = await world
      .account("helperB")
      .puppet.messageSendText("alice", "你好")
      .catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(isUnreachableError(refused)).toBe(true);
  });

  it("delivers nothing to a logged-out account, and again once it is logged in", async () => {
    await world.logout("helperA");
    const before = received.helperA!.length;
    world.say("alice", "还在吗", "bj1");
    expect(received.helperA!.length).toBe(before);
    expect(received.helperB!.at(-1)!.talker).toBe("alice");
    world.login("helperA");
    await expect.poll(() => world.account("helperA").online).toBe(true);
    world.say("alice", "在吗", "bj1");
    expect(received.helperA!.at(-1)!.talker).toBe("alice");
  });
});
