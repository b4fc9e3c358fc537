// Stopping the bot: new messages are ignored at once, the handlers in hand finish (their replies are
// queued), and only then does the outbox sender close.
import { afterEach, expect, it } from "vitest";
import { z } from "zod";
import { type BotMessage, MockWorld } from "../../../src/bot/mock-world.js";
import { startBot } from "../../../src/bot/start-bot.js";
import { allCommands } from "../../../src/features/index.js";
import { defineCommand } from "../../../src/kernel/commands/command.js";
import { createTestApp } from "../../support/test-app.js";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

it("finishes the message handlers in hand before closing the outbox, and takes no new message", async () => {
  let started!: () => void;
  const handlerStarted = new Promise<void>((resolve) => (started = resolve));
  const slow = defineCommand({
    name: "slow",
    aliases: { zh: ["慢"], en: ["slow"] },
    usage: "慢",
    help: "慢慢回答",
    role: "member",
    scope: "both",
    args: z.object({}),
    async run({ reply }) {
      started();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await reply("慢慢来");
    },
  });
  const { app, cleanup: dropApp } = await createTestApp({ OWNER_WECHAT_ID: "boss", WECHATY_PUPPET: "mock" });
  const world = new MockWorld({ owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice"] }] });
  const sent: BotMessage[] = [];
  world.onBotMessage((message) => sent.push(message));
  const bot = await startBot(app, { world, commands: [...allCommands, slow] });
  let stopped = false;
  cleanup = async () => {
    if (!stopped) await bot.stop();
    await dropApp();
  };
  await bot.synced;

  world.say("alice", "慢", "vip");
  await handlerStarted;
  const stopping = bot.stop().then(() => (stopped = true));
  world.say("alice", "帮助", "vip"); // arrives while stopping: ignored
  await stopping;

  // The handler finished: its reply is recorded (sent, or queued durably for the next start).
  expect(await app.db.delivery.findFirst({ where: { text: "@alice 慢慢来" } })).not.toBeNull();
  expect(await app.db.delivery.count({ where: { text: { contains: "可用命令" } } })).toBe(0);
  expect(sent.map((m) => m.text)).not.toContainEqual(expect.stringContaining("可用命令"));
});
