// A room's welcome text: only the placeholders a join can fill are saved; anything else is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setWelcomeText } from "../../../../src/features/community/set-welcome-text.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

describe("setting a room's welcome text", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(async () => cleanup?.());

  it("saves {昵称} and {群名}, refuses an unknown placeholder and keeps the text it had", async () => {
    const room = await app.db.room.create({ data: { wechatRoomId: "r-welcome", topic: "VIP群" } });
    const welcome = async () => (await app.db.room.findUniqueOrThrow({ where: { id: room.id } })).welcomeText;
    expect(await setWelcomeText(app, room.id, "欢迎{昵称}来到{群名}")).toEqual({ kind: "set" });
    expect(await setWelcomeText(app, room.id, "{名字}你好，{名字}，{昵称}")).toEqual({ kind: "unknownPlaceholders", names: ["名字"] });
    expect(await welcome()).toBe("欢迎{昵称}来到{群名}");
    expect(await setWelcomeText(app, room.id, null)).toEqual({ kind: "set" });
    expect(await welcome()).toBeNull();
  });
});
