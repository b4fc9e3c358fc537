import { describe, expect, it } from "vitest";
import { within } from "../../../../src/kernel/time/within.js";

describe("within", () => {
  it("gives the work's value when it settles in time, and the late value when it does not", async () => {
    expect(await within(Promise.resolve("OK"), 1000, "late")).toBe("OK");
    expect(await within(new Promise(() => undefined), 20, "late")).toBe("late");
    await expect(within(Promise.reject(new Error("boom")), 1000, "late")).rejects.toThrow("boom");
  });
});
