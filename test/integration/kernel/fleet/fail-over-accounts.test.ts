// One fleet check at a time (failOverAccounts): an account whose breaker opened is limited, one whose
// lease lapsed is offline; each hands its rooms to an online standby and its queued deliveries to the
// accounts now serving them (same rows, `uncertain` left alone); the owner is alerted once per drop.
import { afterEach, describe, expect, it } from "vitest";
import { AccountLease } from "../../../../src/kernel/fleet/account-lease.js";
import { failOverAccounts } from "../../../../src/kernel/fleet/fail-over-accounts.js";
import { recordReach, recordRoomPresence, setAccountState } from "../../../../src/kernel/fleet/fleet-registry.js";
import { Governor } from "../../../../src/kernel/outbox/governor.js";
import { outboxJobId } from "../../../../src/kernel/outbox/outbox-queue.js";
import { createTestApp } from "../../../support/test-app.js";

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup() {
  const { app, cleanup } = await createTestApp({ BOT_ACCOUNT: "worker", OWNER_WECHAT_ID: "boss", CIRCUIT_FAILURES: "1" });
  cleanups.push(cleanup);
  const leases = ["a", "b", "c"].map((name) => new AccountLease(app.redis, app.key, name, 60_000));
  for (const lease of leases) await lease.acquire();
  for (const name of ["a", "b", "c"]) await setAccountState(app.db, name, "online", app.clock.now(), `bot-${name}`);
  const room = await app.db.room.create({ data: { wechatRoomId: "bj@chatroom", topic: "北京1群" } });
  const solo = await app.db.room.create({ data: { wechatRoomId: "solo@chatroom", topic: "独群" } });
  const owner = await app.db.member.create({ data: { wechatId: "boss", name: "王老板" } });
  await recordRoomPresence(app.db, "a", [room.id, solo.id]);
  await recordRoomPresence(app.db, "b", [room.id]);
  await recordReach(app.db, "b", [owner.id], "friend");
  return { app, room, solo, leases };
}

describe("failOverAccounts", () => {
  it("limits an account whose breaker opened and moves its rooms and queued deliveries to the standby, once", async () => {
    const { app, room, solo } = await setup();
    const queued = await app.outbox.sendMany([
      { kind: "announcement", to: { roomId: room.id }, text: "开抢" },
      { kind: "announcement", to: { roomId: solo.id }, text: "独群公告" },
    ]);
    expect(queued.map((q) => q.account)).toEqual(["a", "a"]);
    const uncertain = await app.db.delivery.create({
      data: { account: "a", kind: "announcement", roomId: room.id, text: "半路", status: "uncertain" },
    });
    await new Governor(app.redis, app.key, "a", app.config.outbox).recordFailure();

    const [moved] = await failOverAccounts(app);
    expect(moved).toMatchObject({ account: "a", reason: "breaker_open", rooms: [{ topic: "北京1群", to: "b" }], deliveries: { b: 1 } });
    expect((await app.db.botAccount.findUniqueOrThrow({ where: { name: "a" } })).state).toBe("limited");
    const rows = await app.db.delivery.findMany({ where: { text: { in: ["开抢", "独群公告", "半路"] } }, orderBy: { id: "asc" } });
    // The room only a serves waits in its queue; the uncertain row stays uncertain, on a.
    expect(rows.map((r) => [r.text, r.account, r.status])).toEqual([
      ["开抢", "b", "queued"],
      ["独群公告", "a", "queued"],
      ["半路", "a", "uncertain"],
    ]);
    // Same row, same job id, now on b's queue and gone from a's.
    const id = outboxJobId(rows[0]!.id);
    expect(await app.outbox.queueOf("b").getJob(id)).toBeDefined();
    expect(await app.outbox.queueOf("a").getJob(id)).toBeUndefined();
    expect(uncertain.status).toBe("uncertain");

    const alerts = await app.db.delivery.findMany({ where: { kind: "alert" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ account: "b" });
    expect(alerts[0]!.text).toContain("账号 a 掉线：发送受限（熔断）");
    // A second check moves nothing more and alerts no one again.
    expect(await failOverAccounts(app)).toEqual([]);
    expect(await app.db.delivery.count({ where: { kind: "alert" } })).toBe(1);
  });

  it("takes an online account whose lease lapsed for dead", async () => {
    const { app, room, leases } = await setup();
    await leases[0]!.release();
    const [moved] = await failOverAccounts(app);
    expect(moved).toMatchObject({ account: "a", reason: "lease_lapsed", rooms: [{ roomId: room.id, to: "b" }] });
    expect((await app.db.botAccount.findUniqueOrThrow({ where: { name: "a" } })).state).toBe("offline");
    const seats = await app.db.roomAccount.findMany({ where: { roomId: room.id }, include: { account: true } });
    expect(Object.fromEntries(seats.map((s) => [s.account.name, s.role]))).toEqual({ a: "standby", b: "primary" });
  });
});
