// The fleet at the kernel: the account lease (one holder, fencing, takeover after it lapses), routing at
// enqueue (room primary/standby, member reach, no_account) and the sender's fence.
import type { Worker } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { AccountLease, recordLeaseHolder } from "../../../../src/kernel/fleet/account-lease.js";
import {
  recordReach,
  recordRoomAbsence,
  recordRoomPresence,
  roomDuty,
  setAccountState,
} from "../../../../src/kernel/fleet/fleet-registry.js";
import { createAccountOutboxWorker, createOutboxWorker } from "../../../../src/kernel/outbox/outbox-sender.js";
import { RecordingSender } from "../../../support/recording-sender.js";
import { createTestApp } from "../../../support/test-app.js";

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup() {
  const { app, cleanup } = await createTestApp({ BOT_ACCOUNT: "a" });
  cleanups.push(cleanup);
  const now = app.clock.now();
  await setAccountState(app.db, "a", "online", now, "bot-a");
  await setAccountState(app.db, "b", "online", now, "bot-b");
  const vip = await app.db.room.create({ data: { wechatRoomId: "vip@chatroom", topic: "VIP群" } });
  const bj = await app.db.room.create({ data: { wechatRoomId: "bj@chatroom", topic: "北京1群" } });
  const alice = await app.db.member.create({ data: { wechatId: "alice", name: "Alice" } });
  const bob = await app.db.member.create({ data: { wechatId: "bob", name: "Bob" } });
  const carol = await app.db.member.create({ data: { wechatId: "carol", name: "Carol" } });
  await recordRoomPresence(app.db, "a", [vip.id, bj.id]);
  await recordRoomPresence(app.db, "b", [bj.id]);
  await recordReach(app.db, "a", [alice.id], "friend");
  await recordReach(app.db, "b", [bob.id], "friend");
  return { app, vip, bj, alice, bob, carol };
}

function senderFor(app: AppContext, account: string, sender: RecordingSender, fencingToken?: () => bigint | undefined): Worker {
  const { config } = app;
  const worker =
    account === config.account
      ? createAccountOutboxWorker(app, { sender, fencingToken })
      : createOutboxWorker(app.redis, config.redis.prefix, account, {
          db: app.db,
          governor: app.governor,
          clock: app.clock,
          logger: app.logger,
          timeZone: config.timeZone,
          quietHours: null,
          jitterMs: { min: 0, max: 0 },
          memberCaps: config.outbox.memberCaps,
          sender,
          fencingToken,
        });
  cleanups.push(() => worker.close());
  return worker;
}

describe("the account lease", () => {
  it("has one holder; a second waits and takes over once the first's lease lapses, with a newer token", async () => {
    const { app } = await setup();
    const first = new AccountLease(app.redis, app.key, "a", 600);
    const second = new AccountLease(app.redis, app.key, "a", 600);
    const taken = await first.acquire();
    expect(taken.held).toBe(true);
    const refused = await second.acquire();
    expect(refused).toMatchObject({ held: false, holder: first.holder });
    first.keep(() => {});
    let waited = "";
    const started = Date.now();
    const takeover = second.waitFor((holder) => (waited = holder));
    // While the first renews, the second keeps waiting; once it stops (a dead process), the lease lapses.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(second.fencingToken).toBeUndefined();
    (first as unknown as { stopKeeping(): void }).stopKeeping();
    const token = await takeover;
    expect(waited).toBe(first.holder);
    expect(Date.now() - started).toBeLessThan(900 + 600 + 1200);
    expect(token).toBeGreaterThan((taken as { token: bigint }).token);
    // The old holder cannot renew or release the new holder's lease.
    let lost = false;
    first.keep(() => (lost = true));
    await expect.poll(() => lost).toBe(true);
    await first.release();
    expect(await AccountLease.isHeld(app.redis, app.key, "a")).toBe(true);
    await second.release();
    expect(await AccountLease.isHeld(app.redis, app.key, "a")).toBe(false);
  });

  it("fences a sender whose token is no longer the account's: the new holder sends, the old one never", async () => {
    const { app, alice } = await setup();
    await recordLeaseHolder(app.db, "a", 5n, "old", app.clock.now());
    const oldSender = new RecordingSender();
    senderFor(app, "a", oldSender, () => 5n);
    await recordLeaseHolder(app.db, "a", 6n, "new", app.clock.now());
    await app.outbox.send({ kind: "reply", to: { memberId: alice.id }, text: "fenced" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(oldSender.sends).toHaveLength(0);
    const newSender = new RecordingSender();
    senderFor(app, "a", newSender, () => 6n);
    await newSender.waitForCount(1);
    expect(oldSender.sends).toHaveLength(0);
    await expect.poll(() => app.db.delivery.count({ where: { status: "sent" } })).toBe(1);
  });
});

describe("routing at enqueue", () => {
  it("sends room messages through the primary, or an online standby; members through an account that reaches them; nobody: no_account", async () => {
    const { app, vip, bj, alice, bob, carol } = await setup();
    const a = new RecordingSender();
    const b = new RecordingSender();
    senderFor(app, "a", a);
    senderFor(app, "b", b);
    const queued = await app.outbox.sendMany([
      { kind: "push", to: { roomId: vip.id }, text: "vip" },
      { kind: "push", to: { roomId: bj.id }, text: "bj" },
      { kind: "push", to: { memberId: alice.id }, text: "alice" },
      { kind: "push", to: { memberId: bob.id }, text: "bob" },
      { kind: "push", to: { memberId: carol.id }, text: "carol" },
    ]);
    expect(queued.map((q) => q.account)).toEqual(["a", "a", "a", "b", null]);
    await a.waitForCount(3);
    await b.waitForCount(1);
    expect(b.sends.map((s) => s.text)).toEqual(["bob"]);
    expect(await app.db.delivery.findFirst({ where: { text: "carol" } })).toMatchObject({ status: "skipped", reason: "no_account" });

    // The primary of 北京1群 goes offline: its room messages go through the standby.
    await setAccountState(app.db, "a", "offline", app.clock.now());
    const [moved] = await app.outbox.sendMany([{ kind: "push", to: { roomId: bj.id }, text: "bj2" }]);
    expect(moved!.account).toBe("b");
    await b.waitForCount(2);
  });

  it("keeps a room's duty with its online primary; a standby claims only while the primary is away; leaving promotes a standby", async () => {
    const { app, bj } = await setup();
    expect(await roomDuty(app.db, "a", "bj@chatroom")).toBe("answer");
    expect(await roomDuty(app.db, "b", "bj@chatroom")).toBe("standby");
    expect(await roomDuty(app.db, "b", "vip@chatroom")).toBe("answer");
    await setAccountState(app.db, "a", "offline", app.clock.now());
    expect(await roomDuty(app.db, "b", "bj@chatroom")).toBe("claim");
    expect(await recordRoomAbsence(app.db, "a", bj.id)).toBe(1);
    expect(
      await app.db.roomAccount.findMany({ where: { roomId: bj.id }, select: { role: true, account: { select: { name: true } } } }),
    ).toEqual([{ role: "primary", account: { name: "b" } }]);
  });
});
