// The bot's part in the fleet (docs/fleet.md): hold the account's lease, tell the fleet tables what this
// account sees (state, rooms, friends, who wrote to it), and decide whether a room event is this
// account's to handle (only the room's primary answers; a standby only while the primary is away).
import { createHash } from "node:crypto";
import type { Contact, Wechaty } from "wechaty";
import type { AppContext } from "../kernel/app-context.js";
import { scopedKey } from "../kernel/context-scope.js";
import { AccountLease, recordLeaseHolder } from "../kernel/fleet/account-lease.js";
import { fleetWechatIds, recordReach, recordRoomPresence, roomDuty, setAccountState } from "../kernel/fleet/fleet-registry.js";

/**
 * Takes the account's lease, waiting (and saying so) while another process holds it, then renews it;
 * `onLost` is called if another process takes it over (this one was paused past the lease time).
 */
export async function holdAccountLease(app: AppContext, onLost: () => void, loggedIn: () => boolean = () => false): Promise<AccountLease> {
  const { account, fleet } = app.config;
  const lease = new AccountLease(app.redis, app.key, account, fleet.leaseMs);
  const token = await lease.waitFor((holder, msLeft) =>
    app.logger.warn(
      { account, holder, msLeft },
      `account ${account} is driven by another process (${holder}); waiting to take over when its lease lapses`,
    ),
  );
  await recordLeaseHolder(app.db, account, token, lease.holder, app.clock.now());
  app.logger.info({ account, holder: lease.holder, token: token.toString() }, `holding the lease of account ${account}`);
  lease.keep(
    () => {
      app.logger.error({ account }, `lost the lease of account ${account} to another process: this one stops sending`);
      onLost();
    },
    app.logger,
    async (again) => {
      await recordLeaseHolder(app.db, account, again, lease.holder, app.clock.now());
      // The fleet check may have taken it for dead meanwhile; it is back (as a standby where it lost rooms).
      if (loggedIn()) await app.db.botAccount.updateMany({ where: { name: account, state: "offline" }, data: { state: "online" } });
    },
  );
  return lease;
}

/** Logged in: the account is online under this WeChat id. */
export async function markOnline(app: AppContext, wechatId: string): Promise<void> {
  await setAccountState(app.db, app.config.account, "online", app.clock.now(), wechatId);
}

/** Logged out (or stopping): the account is offline, so its rooms and queue can move to others. */
export async function markOffline(app: AppContext): Promise<void> {
  await setAccountState(app.db, app.config.account, "offline", app.clock.now());
}

/** After the login sync: the account is in these rooms, and reaches its friends privately. */
export async function recordWhatTheAccountSees(app: AppContext, bot: Wechaty, wechatRoomIds: readonly string[]): Promise<void> {
  const rooms = await app.db.room.findMany({ where: { wechatRoomId: { in: [...wechatRoomIds] } }, select: { id: true } });
  await recordRoomPresence(
    app.db,
    app.config.account,
    rooms.map((room) => room.id),
  );
  const own = bot.isLoggedIn ? bot.currentUser.id : undefined;
  const fleet = await fleetWechatIds(app.db);
  const friends = (await bot.Contact.findAll()).filter((c: Contact) => c.friend() && c.id !== own && !fleet.has(c.id));
  if (friends.length === 0) return;
  const at = app.clock.now();
  await app.db.member.createMany({
    data: friends.map((c) => ({ wechatId: c.id, name: c.name(), firstSeenAt: at, lastSeenAt: at })),
    skipDuplicates: true,
  });
  const members = await app.db.member.findMany({ where: { wechatId: { in: friends.map((c) => c.id) } }, select: { id: true } });
  await recordReach(
    app.db,
    app.config.account,
    members.map((m) => m.id),
    "friend",
  );
}

/** The account joined one room (invited after login). */
export async function recordJoinedRoom(app: AppContext, roomId: number): Promise<void> {
  await recordRoomPresence(app.db, app.config.account, [roomId]);
}

// Members already recorded as having written to this account: reach rows are only ever added, so a
// member's next private message needs no write (recordReach is three statements). Bounded: forgotten
// oldest first past the cap, which only costs a repeated, idempotent write.
const WROTE_REMEMBERED = 10_000;
const WROTE = scopedKey("fleet-wrote", () => new Set<number>());

/** A member wrote to this account privately: it can answer them there. */
export async function recordWrote(app: AppContext, memberId: number): Promise<void> {
  const known = app.scoped(WROTE);
  if (known.has(memberId)) return;
  await recordReach(app.db, app.config.account, [memberId], "wrote");
  if (known.size >= WROTE_REMEMBERED) known.delete(known.values().next().value!);
  known.add(memberId);
}

// The fleet's WeChat ids, re-read every few seconds: a message from one of our own accounts (the other
// bot in a shared room) is neither a member's message nor a command.
const FLEET_IDS_MS = 5000;
const FLEET_IDS = scopedKey("fleet-wechat-ids", (app: AppContext) => {
  let cached: { at: number; ids: Promise<Set<string>> } | undefined;
  return {
    get(): Promise<Set<string>> {
      if (!cached || Date.now() - cached.at > FLEET_IDS_MS) cached = { at: Date.now(), ids: fleetWechatIds(app.db) };
      return cached.ids;
    },
  };
});

/** Whether a WeChat id is one of the fleet's accounts. */
export async function isFleetAccount(app: AppContext, wechatId: string): Promise<boolean> {
  return (await app.scoped(FLEET_IDS).get()).has(wechatId);
}

// How long a standby's claim on a room event lasts: the accounts in a room receive it within moments.
const CLAIM_MS = 5000;

/**
 * Whether this account handles an event in a room (a message, a join): the room's primary does; a
 * standby only while the primary is not online, and then only the first standby to claim it. The claim
 * is on the message id and on what was said (room, talker, text): puppets of two accounts need not give
 * one message one id.
 */
export async function isMineToHandle(app: AppContext, wechatRoomId: string, event: { id: string; fingerprint: string }): Promise<boolean> {
  const duty = await roomDuty(app.db, app.config.account, wechatRoomId);
  if (duty === "answer") return true;
  if (duty === "standby") return false;
  const hash = createHash("sha256").update(event.fingerprint).digest("hex").slice(0, 32);
  const byId = await app.redis.set(app.key("room-event", wechatRoomId, "id", event.id), app.config.account, "PX", CLAIM_MS, "NX");
  if (byId !== "OK") return false;
  const bySaid = await app.redis.set(app.key("room-event", wechatRoomId, "said", hash), app.config.account, "PX", CLAIM_MS, "NX");
  return bySaid === "OK";
}
