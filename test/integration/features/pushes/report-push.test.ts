// A push's report: found, or the shared notFound for an id that never existed (and its report job stops).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPush } from "../../../../src/features/pushes/create-push.js";
import { reportPush } from "../../../../src/features/pushes/report-push.js";
import { sendPushReport } from "../../../../src/features/pushes/send-push-report.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { notFound } from "../../../../src/kernel/outcomes.js";
import { createTestApp } from "../../../support/test-app.js";

describe("the push report", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(async () => cleanup?.());

  it("is notFound for an unknown push, and its report job sends nothing", async () => {
    expect(await reportPush(app, 999999)).toEqual(notFound);
    expect(await sendPushReport(app, { pushId: 999999, check: 0, chain: "" })).toEqual({ sent: false });
  });

  it("reports a push that has nothing delivered yet", async () => {
    const maker = await app.db.member.create({ data: { wechatId: "maker", name: "Maker" } });
    const tag = await app.db.tag.create({ data: { name: "老客" } });
    await app.db.memberTag.create({ data: { memberId: maker.id, tagId: tag.id, source: "manual" } });
    const created = await createPush(app, { text: "标签:老客 新品到了", createdById: maker.id });
    if (created.kind !== "created") throw new Error(created.kind);
    expect(await reportPush(app, created.pushId)).toMatchObject({
      kind: "report",
      report: { pushId: created.pushId, targeted: 0, sent: 0, coupons: { issued: 0, undelivered: 0, redeemed: 0, revenueCents: 0 } },
    });
  });
});
