// 邀请码 entered at the shop (POST /api/invites) against the real database: the customer's member becomes
// the invitee now or at 绑定, only if new to buying; the first code wins; the reward is the referral's
// (first paid order, still in a group N days later), never the API call's.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderSettled } from "../../../jobs/order-settled.js";
import { recordRoomJoin } from "../../../src/features/community/index.js";
import { applyShopInvite, getInviteCode, runLoyaltyNightly } from "../../../src/features/loyalty/index.js";
import { bindCustomer, createBindCode, recordOrder } from "../../../src/features/orders/index.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { createShopTestApp, signedPost } from "../../support/shop-client.js";

const SECRET = "test-secret-0123456789";
const DAY = 86_400_000;
const room = { wechatRoomId: "r-vip@chatroom", topic: "VIP群" };

describe("shop invite codes", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let http: FastifyInstance;
  let now = new Date("2026-12-01T04:00:00Z");
  const post = (body: unknown) => signedPost(http, SECRET, "/api/invites", body, { at: now });
  const memberIn = async (wechatId: string) => {
    await recordRoomJoin(app, { room, invitees: [{ wechatId, name: wechatId }], at: now });
    return app.db.member.findUniqueOrThrow({ where: { wechatId } });
  };
  const codeOf = async (wechatId: string) => getInviteCode(app, { memberId: (await memberIn(wechatId)).id });
  /** 绑定 as the bind command does it: link the customer, then apply a waiting shop invite. */
  const bind = async (memberId: number, customerId: string) => {
    const { code } = await createBindCode(app, { customerId, at: now, ttlMs: 600_000 });
    const bound = await bindCustomer(app, { memberId, code, at: now, guessesPerHour: 5, limitKey: app.key("bind-guesses", memberId) });
    expect(bound.kind).toBe("bound");
    return applyShopInvite(app, { shopCustomerId: customerId, memberId, at: now });
  };
  const pay = (orderId: string, customerId: string) => recordOrder(app, { orderId, customerId, amountCents: 9_900, status: "paid" }, now);
  const settleOrders = async () => {
    for (const job of await app.jobs.queue("order-settled").getJobs(["waiting", "delayed"])) {
      await orderSettled.handle(orderSettled.payload.parse(job.data), app, { id: job.id!, attemptsMade: 0 });
      await job.remove();
    }
  };

  beforeAll(async () => {
    ({ app, http, cleanup } = await createShopTestApp(
      { SHOP_API_SECRET: SECRET, REFERRAL_POINTS: "100", REFERRAL_STAY_DAYS: "7" },
      { now: () => now },
    ));
  });
  afterAll(async () => cleanup?.());

  it("keeps a new customer's code until 绑定; the first order made before binding opens the referral; both are rewarded after the stay", async () => {
    const code = await codeOf("anna");
    // Typed at the shop in lower case with spaces: still the code.
    const recorded = await post({ customerId: "c-ben", inviteCode: ` ${code.toLowerCase()} `, orderId: "S-1" });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toEqual({ result: "waiting", inviterName: "anna", message: "applies when the customer binds (绑定)" });
    await pay("S-1", "c-ben"); // the order the code was entered on, before ben is linked
    const ben = await memberIn("ben");
    expect(await bind(ben.id, "c-ben")).toEqual({ kind: "applied", inviterName: "anna", referralOpened: true });
    expect((await app.db.member.findUniqueOrThrow({ where: { id: ben.id } })).invitedById).toBe((await memberIn("anna")).id);
    expect(await app.db.referral.findUniqueOrThrow({ where: { inviteeId: ben.id } })).toMatchObject({
      status: "pending",
      eligibleAt: new Date(now.getTime() + 7 * DAY),
    });
    // The same request again is a duplicate; another code for ben is refused, and nothing changes.
    const again = await post({ customerId: "c-ben", inviteCode: code, orderId: "S-1" });
    expect({ status: again.statusCode, body: again.json() }).toEqual({ status: 200, body: { result: "duplicate", status: "applied" } });
    const other = await post({ customerId: "c-ben", inviteCode: await codeOf("carl") });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: "conflict", field: "inviteCode" });

    now = new Date(now.getTime() + 8 * DAY);
    const nightly = await runLoyaltyNightly(app, { at: now });
    expect(nightly.referrals).toMatchObject({ rewarded: 1 });
    const referralPoints = await app.db.pointEntry.groupBy({ by: ["memberId"], where: { source: "referral" }, _sum: { points: true } });
    expect(referralPoints.map((r) => r._sum.points)).toEqual([100, 100]);
  });

  it("applies at once to a linked customer, and the later first order opens the referral", async () => {
    const dora = await memberIn("dora");
    await bind(dora.id, "c-dora");
    const applied = await post({ customerId: "c-dora", inviteCode: await codeOf("anna") });
    expect({ status: applied.statusCode, body: applied.json() }).toEqual({
      status: 201,
      body: { result: "applied", inviterName: "anna", referralOpened: false },
    });
    await pay("D-1", "c-dora");
    await settleOrders();
    expect(await app.db.referral.findUnique({ where: { inviteeId: dora.id } })).toMatchObject({ status: "pending" });
  });

  it("refuses an existing customer, the inviter's own code and a member invited already, and records why", async () => {
    await pay("E-1", "c-eve");
    const eve = await post({ customerId: "c-eve", inviteCode: await codeOf("anna") });
    expect({ status: eve.statusCode, body: eve.json() }).toMatchObject({
      status: 409,
      body: { error: "not_eligible", reason: "existingCustomer" },
    });
    // Retried: the same answer, not a duplicate's 200.
    expect((await post({ customerId: "c-eve", inviteCode: await codeOf("anna") })).json()).toMatchObject({ reason: "existingCustomer" });

    const fay = await memberIn("fay");
    await bind(fay.id, "c-fay");
    const self = await post({ customerId: "c-fay", inviteCode: await codeOf("fay") });
    expect(self.json()).toMatchObject({ error: "not_eligible", reason: "self" });

    await recordRoomJoin(app, { room, invitees: [{ wechatId: "gus", name: "gus" }], inviter: { wechatId: "carl", name: "carl" }, at: now });
    const gus = await app.db.member.findUniqueOrThrow({ where: { wechatId: "gus" } });
    await post({ customerId: "c-gus", inviteCode: await codeOf("anna") });
    expect(await bind(gus.id, "c-gus")).toEqual({ kind: "refused", reason: "alreadyInvited" });
    expect((await app.db.member.findUniqueOrThrow({ where: { id: gus.id } })).invitedById).toBe((await memberIn("carl")).id);
    expect(await app.db.shopInvite.findUniqueOrThrow({ where: { shopCustomerId: "c-gus" } })).toMatchObject({
      outcome: "alreadyInvited",
      memberId: gus.id,
    });
  });

  it("answers an unknown or malformed code with the field, and writes nothing", async () => {
    const before = await app.db.shopInvite.count();
    const unknown = await post({ customerId: "c-x", inviteCode: "Y2222222" });
    expect({ status: unknown.statusCode, body: unknown.json() }).toMatchObject({
      status: 404,
      body: { error: "unknown_code", field: "inviteCode" },
    });
    for (const inviteCode of ["Y0OIL111", "hello", "Y".repeat(5000), 12]) {
      const bad = await post({ customerId: "c-x", inviteCode });
      expect({ status: bad.statusCode, body: bad.json() }).toMatchObject({ status: 400, body: { error: "invalid", field: "inviteCode" } });
    }
    expect(await app.db.shopInvite.count()).toBe(before);
  });

  it("keeps one invite when 20 requests with two codes race for one customer", async () => {
    const [a, b] = [await codeOf("anna"), await codeOf("carl")];
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post({ customerId: "c-race", inviteCode: i % 2 ? a : b })));
    const rows = await app.db.shopInvite.findMany({ where: { shopCustomerId: "c-race" } });
    expect(rows).toHaveLength(1);
    const winner = rows[0]!.inviterId === (await memberIn("anna")).id ? a : b;
    const codes = responses.map((_, i) => (i % 2 ? a : b));
    const statuses = responses.map((r, i) => `${codes[i] === winner ? "winner" : "loser"} ${r.statusCode}`);
    // One 201 (recorded), the winner's repeats 200, the other code's 409, and never a 500.
    expect(statuses.filter((s) => s.endsWith("201"))).toEqual(["winner 201"]);
    expect(statuses.filter((s) => s.startsWith("winner")).sort()).toEqual([...Array(9).fill("winner 200"), "winner 201"]);
    expect(statuses.filter((s) => s.startsWith("loser")).every((s) => s === "loser 409")).toBe(true);
  });
});
