import readline from "node:readline";
import type { MockWorld } from "../bot/mock-world.js";

const HELP = `Type as anyone in the mock WeChat:
  alice@VIP群> 帮助        alice says 帮助 in the room VIP群 (room by topic or id)
  alice> 退订              alice writes to the bot privately
  帮助                     the last speaker again, in the same place
  /join carol VIP群        carol joins a room      /leave carol VIP群   carol leaves
  /rename VIP群 新名字      rename a room           /who                 people and rooms
  /help                    this text               /quit                stop the demo`;

type Place = { who: string; room?: string };

/** The demo's terminal: people type as members, the bot's messages print as they leave the outbox. */
export function startRepl(world: MockWorld, onQuit: () => Promise<void>): void {
  const out = (line: string) => process.stdout.write(`\r${line}\n`);
  const roomLabel = (id: string) => world.community.rooms.find((r) => r.id === id)?.topic ?? id;
  let place: Place = { who: world.community.owner, room: world.community.rooms[0]!.id };
  const prompt = () => `${place.who}${place.room ? `@${roomLabel(place.room)}` : ""}> `;

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: prompt() });
  world.onBotMessage((message) => {
    out(
      message.room ? `  ⟵ [${roomLabel(message.room)}] ${message.text}` : `  ⟵ [私聊 → ${world.displayName(message.to!)}] ${message.text}`,
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
      case "who":
        return world.community.rooms
          .map((r) => `${roomLabel(r.id)} (${r.id}): ${r.members.map((m) => `${m}/${world.displayName(m)}`).join(" ")}`)
          .join("\n");
      case "help":
        return HELP;
      case "quit":
        rl.close();
        return;
      default:
        return `unknown /${verb}; /help lists what works`;
    }
  };

  const speak = (line: string) => {
    const match = /^([^\s@>]+)(?:@([^>]+))?>\s*(.*)$/.exec(line);
    if (match) {
      const who = world.findPersonId(match[1]!) ?? match[1]!;
      const room = match[2] ? world.findRoomId(match[2].trim()) : undefined;
      if (match[2] && !room) throw new Error(`no room "${match[2]}"; /who lists them`);
      place = { who, room };
      if (match[3]) world.say(who, match[3], room);
    } else {
      world.say(place.who, line, place.room);
    }
  };

  out(HELP);
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
