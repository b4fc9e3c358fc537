import { describe, expect, it } from "vitest";
import { fillTemplate, placeholdersOf } from "../../../../src/kernel/text/fill-template.js";

describe("fillTemplate", () => {
  it("fills known placeholders and leaves unknown ones visible", () => {
    expect(fillTemplate("欢迎 {昵称} 加入「{群名}」{未知}", { 昵称: "Alice", 群名: "VIP群" })).toBe("欢迎 Alice 加入「VIP群」{未知}");
    expect(placeholdersOf("{昵称}，你的券 {券码}")).toEqual(["昵称", "券码"]);
  });
});
