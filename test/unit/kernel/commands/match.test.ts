import { describe, expect, it } from "vitest";
import { z } from "zod";
import { lookupCommand, normalizeText, positionalArgs } from "../../../../src/kernel/commands/match.js";
import type { CommandSpec } from "../../../../src/kernel/commands/spec.js";

const spec = (name: string, zh: string[], en: string[]): CommandSpec => ({
  name,
  aliases: { zh, en },
  usage: name,
  help: name,
  role: "member",
  scope: "both",
  args: z.object({}),
});

const specs = [spec("help", ["帮助"], ["help"]), spec("grab", ["抢", "秒杀"], ["grab"]), spec("flash.new", ["秒杀 新建"], ["flash new"])];

describe("lookupCommand", () => {
  it("finds a Chinese alias bare and after #, and an English alias only after #", () => {
    expect(lookupCommand("帮助", specs)).toMatchObject({ kind: "command", match: { spec: { name: "help" } } });
    expect(lookupCommand("#帮助", specs)).toMatchObject({ kind: "command", match: { spec: { name: "help" } } });
    expect(lookupCommand("#HELP", specs)).toMatchObject({ kind: "command", match: { spec: { name: "help" } } });
    expect(lookupCommand("help", specs)).toEqual({ kind: "chatter" });
  });

  it("prefers the longest alias, so subcommands win over their parent", () => {
    const found = lookupCommand("#秒杀 新建 牙刷 价99", specs);
    expect(found).toMatchObject({ kind: "command", match: { spec: { name: "flash.new" }, raw: { words: ["牙刷", "价99"] } } });
    expect(lookupCommand("秒杀 12", specs)).toMatchObject({ kind: "command", match: { spec: { name: "grab" }, raw: { words: ["12"] } } });
    expect(lookupCommand("#flash new x", specs)).toMatchObject({ kind: "command", match: { spec: { name: "flash.new" } } });
  });

  it("lets a digit follow a Chinese alias directly but not other characters", () => {
    expect(lookupCommand("抢12", specs)).toMatchObject({ kind: "command", match: { raw: { words: ["12"] } } });
    expect(lookupCommand("帮助我一下", specs)).toEqual({ kind: "chatter" });
    expect(lookupCommand("抢到了吗", specs)).toEqual({ kind: "chatter" });
  });

  it("reports an unknown #word, and treats ordinary text as chatter", () => {
    expect(lookupCommand("#hlep me", specs)).toEqual({ kind: "unknown", word: "hlep" });
    expect(lookupCommand("今天天气不错", specs)).toEqual({ kind: "chatter" });
    expect(lookupCommand("#", specs)).toEqual({ kind: "chatter" });
  });

  it("strips a mention of the bot and normalises phone spaces and the full-width #", () => {
    expect(lookupCommand("@Siyu小助手\u2005帮助", specs, "Siyu小助手")).toMatchObject({
      kind: "command",
      match: { spec: { name: "help" } },
    });
    expect(lookupCommand("＃help", specs)).toMatchObject({ kind: "command" });
    expect(normalizeText("  a\u3000 b\u2005c ")).toBe("a b c");
  });
});

describe("arguments as typed", () => {
  it("keeps line breaks in the arguments while the head is normalised", () => {
    const found = lookupCommand("＃\u3000帮助  第一行\n第二行\n\n第四行 ", specs);
    expect(found).toMatchObject({
      kind: "command",
      match: { spec: { name: "help" }, hashed: true, raw: { text: "第一行\n第二行\n\n第四行" } },
    });
    expect(lookupCommand("#flash   new 牙刷", specs)).toMatchObject({
      kind: "command",
      match: { spec: { name: "flash.new" }, raw: { words: ["牙刷"] } },
    });
    expect(lookupCommand("帮助", specs)).toMatchObject({ match: { hashed: false } });
  });

  it("keeps a mention of a name with spaces as one word", () => {
    const found = lookupCommand("帮助 @Alice Chen\u2005运营", specs, undefined, ["Alice Chen"]);
    expect(found).toMatchObject({ match: { raw: { words: ["@Alice Chen", "运营"], text: "@Alice Chen 运营" } } });
    // Without the mention list (a name typed privately) the words split as before.
    expect(lookupCommand("帮助 @Alice Chen 运营", specs)).toMatchObject({ match: { raw: { words: ["@Alice", "Chen", "运营"] } } });
  });

  it("gives a '...' argument the rest of the text, line breaks included", () => {
    const raw = { text: "@bob 欢迎\n新朋友", words: ["@bob", "欢迎", "新朋友"] };
    expect(positionalArgs(raw, ["target", "text..."])).toEqual({ target: "@bob", text: "欢迎\n新朋友" });
  });
});

describe("positionalArgs", () => {
  it("maps words to names and gives the rest to a name ending in ...", () => {
    const raw = { text: "@bob 运营 多 余", words: ["@bob", "运营", "多", "余"] };
    expect(positionalArgs(raw, ["target", "role"])).toEqual({ target: "@bob", role: "运营" });
    expect(positionalArgs(raw, ["target", "rest..."])).toEqual({ target: "@bob", rest: "运营 多 余" });
    expect(positionalArgs({ text: "", words: [] }, ["topic..."])).toEqual({ topic: undefined });
  });
});

describe("lookupCommand, as phones type", () => {
  it("takes a subcommand with the space left out between Chinese words", () => {
    expect(lookupCommand("秒杀新建 牙刷 价99", specs)).toMatchObject({
      kind: "command",
      match: { spec: { name: "flash.new" }, raw: { words: ["牙刷", "价99"] } },
    });
    expect(lookupCommand("秒杀新建的商品好不好", specs)).toEqual({ kind: "chatter" });
  });

  it("takes a closing mark after an alias when nothing follows it, and a full-width digit as a digit", () => {
    expect(lookupCommand("帮助？", specs)).toMatchObject({ kind: "command", match: { spec: { name: "help" }, raw: { text: "" } } });
    expect(lookupCommand("抢！！", specs)).toMatchObject({ kind: "command", match: { spec: { name: "grab" } } });
    expect(lookupCommand("帮助，我想问一下", specs)).toEqual({ kind: "chatter" });
    expect(lookupCommand("抢１２", specs)).toMatchObject({ kind: "command", match: { spec: { name: "grab" }, raw: { words: ["１２"] } } });
  });
});
