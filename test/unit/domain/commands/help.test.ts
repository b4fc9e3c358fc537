import { describe, expect, it } from "vitest";
import { renderHelp, renderUsage } from "../../../../src/domain/commands/help.js";
import { allCommands } from "../../../../src/bot/commands/index.js";

describe("help", () => {
  it("lists only what the role may run, with Chinese and English aliases", () => {
    const member = renderHelp(allCommands, "member");
    expect(member).toContain("「帮助」 #help");
    expect(member).toContain("「退订」 #unsubscribe");
    expect(member).not.toContain("#grant");
    expect(member).not.toContain("#status");
    const owner = renderHelp(allCommands, "owner");
    expect(owner).toContain("「授权」 #grant");
    expect(owner).toContain("「状态」 #status");
  });

  it("renders a usage line with the English alias", () => {
    const grant = allCommands.find((c) => c.name === "grant")!;
    expect(renderUsage(grant)).toMatch(/^用法：授权 @某人 运营\|管理员（#grant）/);
  });
});
