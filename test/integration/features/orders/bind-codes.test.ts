import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bind } from "../../../../src/features/orders/commands.js";
import { createBindCode } from "../../../../src/features/orders/create-bind-code.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import type { CommandContext } from "../../../../src/kernel/commands/command.js";
import type { Member } from "../../../../src/kernel/db/client.js";
import { createTestApp } from "../../../support/test-app.js";

// The CSPRNG drawing the same code for every request at once: the worst case of a million codes.
const draws = vi.hoisted(() => ({ n: 0 }));
vi.mock("node:crypto", async (original) => ({
  ...(await original<typeof import("node:crypto")>()),
  randomInt: () => (draws.n++ < 8 ? 424242 : 100000 + draws.n),
}));

describe("bind codes", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(async () => cleanup?.());

  it("never gives two live codes the same digits, even when requests draw the same code together", async () => {
    const at = app.clock.now();
    const codes = await Promise.all(Array.from({ length: 4 }, (_, i) => createBindCode(app, { customerId: `c-${i}`, at, ttlMs: 60_000 })));
    expect(new Set(codes.map((c) => c.code)).size).toBe(4);
    const live = await app.db.bindCode.groupBy({ by: ["code"], where: { usedAt: null }, _count: { _all: true } });
    expect(live.filter((row) => row._count._all > 1)).toEqual([]);
  });

  it("keeps one live code per customer: the live one again while half its time is left, then a new one replacing it", async () => {
    const start = app.clock.now();
    const later = (ms: number) => new Date(start.getTime() + ms);
    const first = await createBindCode(app, { customerId: "c-one", at: start, ttlMs: 60_000 });
    expect(first.kind).toBe("created");
    expect(await createBindCode(app, { customerId: "c-one", at: later(29_000), ttlMs: 60_000 })).toEqual({ ...first, kind: "live" });
    const second = await createBindCode(app, { customerId: "c-one", at: later(31_000), ttlMs: 60_000 });
    expect(second).toMatchObject({ kind: "created", expiresAt: later(91_000) });
    expect(second.code).not.toBe(first.code);
    const rows = await app.db.bindCode.findMany({ where: { shopCustomerId: "c-one" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.code, r.expiresAt])).toEqual([
      [first.code, later(31_000)],
      [second.code, later(91_000)],
    ]);
    // Another customer's code is not touched.
    expect((await createBindCode(app, { customerId: "c-two", at: later(31_000), ttlMs: 60_000 })).kind).toBe("created");
  });

  describe("绑定 (bind) in chat", () => {
    const attempt = async (member: Member, code: string) => {
      const replies: string[] = [];
      const result = await bind.run({
        args: { code },
        app,
        member,
        reply: async (text: string) => void replies.push(text),
      } as unknown as CommandContext<{ code: string }>);
      return { result, reply: replies.join("\n") };
    };

    it("refuses the 6th guess within the hour in Chinese and English, even with the right code; another member is not held back", async () => {
      const member = await app.db.member.create({ data: { wechatId: "guesser-6", name: "Guesser" } });
      const { code } = await createBindCode(app, { customerId: "c-guess", at: app.clock.now(), ttlMs: 600_000 });
      const wrong = code === "000000" ? "000001" : "000000";
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await attempt(member, wrong));
      expect(answers.map((a) => a.result)).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid", "rate limited"]);
      expect(answers[5]!.reply).toBe("尝试太多次了，请一小时后再试。/ Too many attempts, try again in an hour.");
      expect((await attempt(member, code)).result).toBe("rate limited");
      expect(await app.db.customerLink.count({ where: { shopCustomerId: "c-guess" } })).toBe(0);
      const other = await app.db.member.create({ data: { wechatId: "owner-of-c-guess", name: "Owner" } });
      expect(await attempt(other, code)).toMatchObject({ result: "bound", reply: expect.stringMatching(/^绑定成功.*\/ Linked\.$/) });
    });

    it("tells a replaced code from a wrong one", async () => {
      const member = await app.db.member.create({ data: { wechatId: "late-binder", name: "Late" } });
      const start = new Date(app.clock.now().getTime() - 40_000);
      const old = await createBindCode(app, { customerId: "c-replaced", at: start, ttlMs: 60_000 });
      await createBindCode(app, { customerId: "c-replaced", at: app.clock.now(), ttlMs: 60_000 });
      expect(await attempt(member, old.code)).toMatchObject({
        result: "expired",
        reply: expect.stringMatching(/^绑定码已过期.*Code expired/),
      });
    });
  });
});
