import { describe, expect, it, vi } from "vitest";
import { tearDown } from "./teardown.js";

describe("tearDown", () => {
  it("goes past a step that never settles and one that fails, naming both", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const ran: string[] = [];
    await tearDown(
      [
        ["stuck close", () => new Promise(() => undefined)],
        ["broken close", () => Promise.reject(new Error("boom"))],
        ["drop", async () => void ran.push("drop")],
      ],
      50,
    );
    expect(ran).toEqual(["drop"]);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      'teardown step "stuck close" still running after 50 ms',
      'teardown step "broken close" failed: boom',
    ]);
    warn.mockRestore();
  });
});
