import { describe, expect, it } from "vitest";
import { help } from "../../../../src/features/help/commands.js";
import { allCommands } from "../../../../src/features/index.js";
import type { CommandContext } from "../../../../src/kernel/commands/command.js";
import { renderHelp, renderUsage } from "../../../../src/kernel/commands/help.js";
import type { Role } from "../../../../src/kernel/commands/roles.js";

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

  it("gives an operator one line per family of subcommands, so the list fits a phone screen", () => {
    const owner = renderHelp(allCommands, "owner");
    expect(owner).toContain("「秒杀 …」新建、列表、详情、改时间、取消、结束（「帮助 秒杀」看用法）");
    expect(owner).not.toContain("#flash new");
    expect(owner.split("\n").length).toBeLessThan(allCommands.length - 10);
  });

  it("renders a usage line with the English alias", () => {
    const grant = allCommands.find((c) => c.name === "grant")!;
    expect(renderUsage(grant)).toMatch(/^用法：授权 @某人 运营\|管理员（#grant）/);
  });
});

describe("帮助 命令", () => {
  const ask = async (topic: string, role: Role = "member") => {
    const replies: string[] = [];
    const reply = async (text: string) => void replies.push(text);
    await help.run({ args: { topic }, role, commands: allCommands, reply } as unknown as CommandContext<{ topic?: string }>);
    return replies[0]!;
  };

  it("finds a command written with #, ＃ or its English alias in any case", async () => {
    for (const topic of ["#grab", "＃grab", "#抢", "grab", "GRAB", "抢"]) expect(await ask(topic)).toMatch(/^「抢」 #grab\n用法：抢 编号/);
  });

  it("answers 帮助 秒杀 with every command under it the caller may run, each with its usage", async () => {
    const operator = await ask("秒杀", "operator");
    expect(operator).toContain("「秒杀 新建」 #flash new 用法：秒杀 新建 商品");
    expect(operator).toContain("「秒杀 结束」 #flash close 用法：秒杀 结束 编号");
    expect(await ask("flash", "operator")).toContain("「秒杀 取消」 #flash cancel");
    expect(await ask("秒杀")).toMatch(/^「抢」 #grab\n用法：抢 编号/);
  });

  it("tells a member an operator command needs operator rights, and still says when there is none", async () => {
    expect(await ask("发券")).toContain("「发券」需要运营权限");
    expect(await ask("发券", "operator")).toContain("用法：发券");
    expect(await ask("#nosuch")).toContain("没有「nosuch」这个命令");
  });
});
