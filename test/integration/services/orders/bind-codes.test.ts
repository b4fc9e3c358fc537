import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "../../../../src/infra/app-context.js";
import { createBindCode } from "../../../../src/services/orders/create-bind-code.js";
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
    const codes = await Promise.all(Array.from({ length: 4 }, (_, i) => createBindCode(app.db, { customerId: `c-${i}`, at, ttlMs: 60_000 })));
    expect(new Set(codes.map((c) => c.code)).size).toBe(4);
    const live = await app.db.bindCode.groupBy({ by: ["code"], where: { usedAt: null }, _count: { _all: true } });
    expect(live.filter((row) => row._count._all > 1)).toEqual([]);
  });
});
