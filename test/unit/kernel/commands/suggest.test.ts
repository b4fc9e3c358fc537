import { describe, expect, it } from "vitest";
import { z } from "zod";
import { closestWord, suggestAlias } from "../../../../src/kernel/commands/suggest.js";

describe("did-you-mean", () => {
  it("suggests a close word and nothing for a far one", () => {
    expect(closestWord("hlep", ["help", "status"])).toBe("help");
    expect(closestWord("statsu", ["help", "status"])).toBe("status");
    expect(closestWord("帮忙", ["帮助", "退订"])).toBe("帮助");
    expect(closestWord("xyzzy", ["help", "status"])).toBeUndefined();
  });

  it("suggests among the first words of aliases of the given commands", () => {
    const specs = [
      {
        name: "flash.new",
        aliases: { zh: ["秒杀 新建"], en: ["flash new"] },
        usage: "",
        help: "",
        role: "operator" as const,
        scope: "both" as const,
        args: z.object({}),
      },
    ];
    expect(suggestAlias("flsh", specs)).toBe("flash");
    expect(suggestAlias("秒", specs)).toBe("秒杀");
  });
});
