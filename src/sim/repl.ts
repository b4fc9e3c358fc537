import readline from "node:readline";
import type { MockWorld } from "../bot/mock-world.js";

/** What `/help` prints in the demo (docs/development.md shows it: a test keeps them equal). */
export const REPL_HELP = `Type as anyone in the mock WeChat:
  alice@VIP群> 帮助        alice says 帮助 in the room VIP群 (room by topic or id)
  alice> 退订              alice writes to the bot privately (the first account that can reach her)
  alice>小助手B> 退订       alice writes privately to the account 小助手B (by name or id)
  帮助                     the last speaker again, in the same place
  /join carol VIP群        carol joins a room      /leave carol VIP群   carol leaves
  /rename VIP群 新名字      rename a room           /who                 people, rooms, accounts
  /logout 小助手A           an account's session ends (its rooms' standbys answer)
  /login 小助手A            it logs in again
  /help                    this text               /quit                stop the demo`;

type Place = { who: string; room?: string; via?: string };

/** The demo's terminal: people type as members, the bot's messages print as they leave the outbox. */
export function startRepl(world: MockWorld, onQuit: () => Promise<void>): void {
  const out = (line: string) => process.stdout.write(`\r${line}\n`);
  const roomLabel = (id: string) => world.community.rooms.find((r) => r.id === id)?.topic ?? id;
  let place: Place = { who: world.community.owner, room: world.community.rooms[0]!.id };
  const accountLabel = (id: string) => world.accounts.find((a) => a.id === id)?.name ?? id;
  const prompt = () => `${place.who}${place.room ? `@${roomLabel(place.room)}` : ""}${place.via ? `>${accountLabel(place.via)}` : ""}> `;

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: prompt() });
  world.onBotMessage((message) => {
    // Which account spoke, when there are several.
    const by = world.isFleet ? `${accountLabel(message.via)} ` : "";
    out(
      message.room
        ? `  ⟵ ${by}[${roomLabel(message.room)}] ${message.text}`
        : `  ⟵ ${by}[私聊 → ${world.displayName(message.to!)}] ${message.text}`,
    );
    rl.prompt(true);
  });

  const command = (line: string): string | undefined => {
    const [verb, ...rest] = line.slice(1).split(/\s+/);
    const room = (name?: string) => {
      const id = name ? world.findRoomId(name) : undefined;
      if (!id) throw new Error(`no room "${name ?? ""}"`);
      return id;
    };
    const account = (name?: string) => {
      if (!name) throw new Error(`name an account (${world.accounts.map((a) => a.name).join(", ")})`);
      return world.account(name).id;
    };
    const person = (name?: string) => {
      const id = name ? (world.findPersonId(name) ?? name) : undefined;
      if (!id) throw new Error("name someone");
      return id;
    };
    switch (verb) {
      case "join":
        world.join(person(rest[0]), room(rest[1]));
        return;
      case "leave":
        world.leave(person(rest[0]), room(rest[1]));
        return;
      case "rename":
        world.rename(room(rest[0]), rest.slice(1).join(" ") || "未命名");
        return;
      case "logout":
        void world.logout(account(rest[0])).catch((error: Error) => out(`  ! ${error.message}`));
        return `${accountLabel(account(rest[0]))} logged out`;
      case "login":
        world.login(account(rest[0]));
        return `${accountLabel(account(rest[0]))} logging in`;
      case "who":
        return [
          ...world.community.rooms.map(
            (r) =>
              `${roomLabel(r.id)} (${r.id})${world.isFleet ? ` [${world.botsIn(r.id).map(accountLabel).join(", ")}]` : ""}: ${r.members.map((m) => `${m}/${world.displayName(m)}`).join(" ")}`,
          ),
          ...(world.isFleet
            ? [`accounts: ${world.accounts.map((a) => `${a.name} (${a.id}) ${a.online ? "online" : "offline"}`).join(", ")}`]
            : []),
        ].join("\n");
      case "help":
        return REPL_HELP;
      case "quit":
        rl.close();
        return;
      default:
        return `unknown /${verb}; /help lists what works`;
    }
  };

  const speak = (line: string) => {
    const match = /^([^\s@>]+)(?:@([^>]+))?>(?:([^\s>]+)>)?\s*(.*)$/.exec(line);
    if (match) {
      const who = world.findPersonId(match[1]!) ?? match[1]!;
      const room = match[2] ? world.findRoomId(match[2].trim()) : undefined;
      if (match[2] && !room) throw new Error(`no room "${match[2]}"; /who lists them`);
      if (match[3] && room) throw new Error("a room message reaches every account in the room: name an account only privately");
      const via = match[3] ? world.account(match[3]).id : undefined;
      place = { who, room, via };
      if (match[4]) world.say(who, match[4], room, via);
    } else {
      world.say(place.who, line, place.room, place.via);
    }
  };

  out(REPL_HELP);
  rl.prompt();
  rl.on("line", (raw) => {
    const line = raw.trim();
    try {
      if (line.startsWith("/")) {
        const answer = command(line);
        if (answer) out(answer);
      } else if (line) speak(line);
    } catch (error) {
      out(`  ! ${(error as Error).message}`);
    }
    rl.setPrompt(prompt());
    rl.prompt();
  });
  rl.on("close", () => void onQuit());
}
