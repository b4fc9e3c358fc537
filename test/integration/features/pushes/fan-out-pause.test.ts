// A pause that lands in the middle of a fan-out batch (while its coupons are being issued): the batch is
// not queued, and 继续 finishes the push with exactly one delivery and one coupon per member.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pausePush, resumePush } from "../../../../src/features/pushes/control-push.js";
import { createPush } from "../../../../src/features/pushes/create-push.js";
import { fanOutPush } from "../../../../src/features/pushes/fan-out-push.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

// Runs after each batch's coupons are issued, before the fan-out checks the push's status again.
const hooks = vi.hoisted(() => ({ afterIssue: undefined as undefined | (() => Promise<void>) }));
vi.mock("../../../../src/features/coupons/issue-coupon.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../../src/features/coupons/issue-coupon.js")>();
  return {
    ...original,
    issueCouponsInBulk: async (...args: Parameters<typeof original.issueCouponsInBulk>) => {
      const issued = await original.issueCouponsInBulk(...args);
      await hooks.afterIssue?.();
      return issued;
    },
  };
});

describe("a push paused mid-batch", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let memberIds: number[];
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ PUSH_BATCH_SIZE: "10", PUSH_CONFIRM_ABOVE: "1000000" }));
    const members = await app.db.member.createManyAndReturn({
      data: Array.from({ length: 25 }, (_, i) => ({ wechatId: `p${i}`, name: `P${i}` })),
    });
    memberIds = members.map((m) => m.id).sort((a, b) => a - b);
    const tag = await app.db.tag.create({ data: { name: "老客" } });
    await app.db.memberTag.createMany({ data: memberIds.map((memberId) => ({ memberId, tagId: tag.id, source: "manual" as const })) });
  });
  afterAll(async () => cleanup?.());

  it("queues nothing of the batch it was paused in, nor after; 继续 finishes once per member", async () => {
    const created = await createPush(app, { text: "标签:老客 券:满200减30 {昵称}，送你 {券码}", createdById: memberIds[0]! });
    if (created.kind !== "created") throw new Error(created.kind);
    const { pushId } = created;
    const campaign = `push:${pushId}`;
    let issues = 0;
    // The operator's 暂停 arrives while the second batch's coupons are being issued.
    hooks.afterIssue = async () => {
      if (++issues === 2) expect((await pausePush(app, pushId)).kind).toBe("done");
    };

    expect(await fanOutPush(app, pushId)).toEqual({ kind: "stopped", status: "paused" });
    hooks.afterIssue = undefined;
    const deliveries = await app.db.delivery.findMany({ where: { campaign } });
    expect(deliveries.map((d) => d.memberId).sort((a, b) => a! - b!)).toEqual(memberIds.slice(0, 10));
    // The second batch's coupons exist (issued before the pause), but nothing of it was queued.
    expect(await app.db.coupon.count({ where: { campaign } })).toBe(20);
    expect((await app.db.push.findUniqueOrThrow({ where: { id: pushId } })).cursor).toBe(memberIds[9]);

    expect(await resumePush(app, pushId)).toMatchObject({ kind: "done" });
    // The fan-out job that 继续 queues, run here (no worker in this test).
    expect(await fanOutPush(app, pushId)).toMatchObject({ kind: "done" });
    expect(await fanOutPush(app, pushId)).toEqual({ kind: "stopped", status: "done" });

    const after = await app.db.delivery.findMany({ where: { campaign } });
    expect(after.map((d) => d.memberId).sort((a, b) => a! - b!)).toEqual(memberIds);
    expect(after.every((d) => d.status === "queued")).toBe(true);
    const coupons = await app.db.coupon.findMany({ where: { campaign } });
    expect(coupons.map((c) => c.memberId).sort((a, b) => a - b)).toEqual(memberIds);
    // Each message carries the member's one coupon, including those issued before the pause.
    for (const c of coupons) expect(after.find((d) => d.memberId === c.memberId)!.text).toContain(c.code);
  });
});
