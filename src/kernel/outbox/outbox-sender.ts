import { setTimeout as sleep } from "node:timers/promises";
import { DelayedError, type Job, Worker } from "bullmq";
import type { AppContext } from "../app-context.js";
import type { Db } from "../db/client.js";
import { DatabaseWatch, isDatabaseUnreachable } from "../db/database-watch.js";
import type { DeferralKind } from "../db/generated/enums.js";
import type { Logger } from "../logger.js";
import { type RedisClient, workerErrorHandler } from "../redis.js";
import type { Clock } from "../time/clock.js";
import { type ClockWindow, windowEndAfter } from "../time/clock-window.js";
import { localDay, startOfNextLocalDay } from "../time/zone.js";
import type { Governor } from "./governor.js";
import { type MemberCaps, membersAtCap } from "./member-cap.js";
import { countsAgainstMemberCap, isMarketing } from "./message-kind.js";
import { type MessageSender, NotReachableError, type SendTarget } from "./message-sender.js";
import { type OutboxJobData, outboxQueueName } from "./outbox-queue.js";

/** How soon a job a fenced sender let go of is due again (for the account's new holder). */
const FENCED_RETRY_MS = 1000;

export interface OutboxSenderOptions {
  db: Db;
  governor: Governor;
  sender: MessageSender;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  quietHours: ClockWindow | null;
  jitterMs: { min: number; max: number };
  memberCaps: MemberCaps;
  /**
   * Holds jobs while the database is away, so an outage spends no attempts. Made from `db` and
   * `logger` when not given.
   */
  databaseWatch?: DatabaseWatch;
  /** The account's name, for the outage log and its counts; a row routed elsewhere is not this sender's. */
  account?: string;
  /**
   * The lease's fencing token (docs/fleet.md): a row is claimed only while the account's row still holds
   * this token, so a process that lost its lease (paused, partitioned) cannot send beside the new holder.
   */
  fencingToken?: () => bigint | undefined;
}

export type SendOutcome = "sent" | "skipped" | "deferred" | "uncertain" | "done-before";

/** A delivery that no longer waits on the governor: written when it is claimed for sending or skipped. */
const NOT_DEFERRED = { deferralKind: null, deferredUntil: null } as const;

/**
 * Processes one outbox job: the governor's checks in order, then exactly one `send`.
 * Safe to run twice: the delivery row moves queued → sending → sent, and only a queued row is sent.
 */
export function createOutboxProcessor(options: OutboxSenderOptions) {
  const { db, governor, sender, clock, logger, timeZone, quietHours, jitterMs, memberCaps } = options;
  const watch = options.databaseWatch ?? outboxDatabaseWatch(options);
  // Errors of WeChat's, not the database's: never waited out (an attempt is spent, as it should be).
  const sendErrors = new WeakSet<object>();
  const whileDatabaseAway = <T>(work: () => Promise<T>) =>
    watch.retrying(work, (error) => !(error instanceof Object && sendErrors.has(error)) && isDatabaseUnreachable(error));

  const skip = async (id: bigint, reason: string): Promise<SendOutcome> => {
    await db.delivery.update({ where: { id }, data: { status: "skipped", reason, ...NOT_DEFERRED } });
    return "skipped";
  };

  // The row says why it waits and until when (its job is delayed to the same instant).
  const defer = async (job: Job<OutboxJobData>, token: string | undefined, id: bigint, until: Date, kind: DeferralKind) => {
    await db.delivery.update({ where: { id }, data: { deferralKind: kind, deferredUntil: until } });
    await job.moveToDelayed(until.getTime(), token);
    // Tells BullMQ the job was moved to delayed on purpose: not a failure, no attempt used.
    throw new DelayedError();
  };

  /** queued → sending, only for this account's row (and, with a lease, only while its token stands); -1 when fenced. */
  const claim = async (id: bigint): Promise<{ count: number }> => {
    const { account, fencingToken } = options;
    if (!fencingToken || !account) {
      return db.delivery.updateMany({
        where: { id, status: "queued", ...(account ? { account } : {}) },
        data: { status: "sending", attempts: { increment: 1 }, ...NOT_DEFERRED },
      });
    }
    const token = fencingToken() ?? -1n;
    const count = await db.$executeRaw`
      update deliveries set status = 'sending', attempts = attempts + 1, deferral_kind = null, deferred_until = null, updated_at = now()
       where id = ${id} and status = 'queued' and account = ${account}
         and exists (select 1 from bot_accounts where name = ${account} and fencing_token = ${token})`;
    if (count > 0) return { count };
    const fenced = (await db.botAccount.count({ where: { name: account, fencingToken: token } })) === 0;
    return { count: fenced ? -1 : 0 };
  };

  /**
   * One attempt. The database may go away at any step: the whole attempt is run again once it is back
   * (every step before the claim is safe to repeat), and the writes after the send wait in place, so
   * a message handed to WeChat is recorded as sent rather than taken for interrupted.
   */
  const attempt = async (job: Job<OutboxJobData>, token?: string): Promise<SendOutcome> => {
    const id = BigInt(job.data.deliveryId);
    const delivery = await db.delivery.findUnique({ where: { id }, include: { member: true, room: true } });
    if (!delivery) return "done-before";
    if (delivery.status === "sending") {
      // A previous attempt died after handing the text to WeChat but before recording it: the message
      // may well have arrived. A duplicate is worse than a rare loss here, so it is not sent again.
      await db.delivery.update({ where: { id }, data: { status: "uncertain", reason: "interrupted while sending" } });
      logger.warn({ deliveryId: id.toString() }, "delivery interrupted mid-send; not re-sent");
      return "uncertain";
    }
    if (delivery.status !== "queued") return "done-before";
    // Moved to another account by failover (the same row, queued on that account's queue).
    if (options.account && delivery.account !== options.account) return "done-before";

    const kind = delivery.kind;
    const marketing = isMarketing(kind);
    let target: SendTarget;
    if (delivery.member) {
      if (marketing && delivery.member.optedOutAt) return skip(id, "opt_out");
      target = { kind: "member", wechatId: delivery.member.wechatId, name: delivery.member.name };
    } else if (delivery.room?.active) {
      target = { kind: "room", wechatRoomId: delivery.room.wechatRoomId, topic: delivery.room.topic };
    } else {
      return skip(id, "not_reachable");
    }

    const now = clock.now();
    const validUntil = delivery.validUntil;
    if (validUntil && now > validUntil) return skip(id, "expired");
    // A wait that would carry a message past its validity drops it now rather than sending it stale.
    const deferUnlessExpired = (until: Date, deferral: DeferralKind, expiredReason: string) =>
      validUntil && until > validUntil ? skip(id, expiredReason) : defer(job, token, id, until, deferral);
    if (marketing) {
      const quietEnd = quietHours ? windowEndAfter(quietHours, now, timeZone) : undefined;
      if (quietEnd) return deferUnlessExpired(quietEnd, "quiet_hours", "quiet_hours_expired");
      const openMs = await governor.circuitOpenForMs();
      if (openMs > 0) return deferUnlessExpired(new Date(now.getTime() + openMs), "circuit_open", "circuit_open_expired");
    }

    if (delivery.member && countsAgainstMemberCap(kind)) {
      const capped = await membersAtCap(db, [delivery.member.id], memberCaps, now, timeZone);
      if (capped.size > 0) return skip(id, "member_cap");
    }

    const day = localDay(now, timeZone);
    if (!(await governor.reserveDaily(kind, day))) {
      // Marketing over the account's cap waits for tomorrow's allowance (quiet hours are checked again
      // then); a reply or notice is only worth anything now.
      if (!marketing) return skip(id, "daily_cap");
      return deferUnlessExpired(startOfNextLocalDay(now, timeZone), "daily_cap", "daily_cap");
    }

    // Even spacing looks like a machine. The pause comes after the token: before it, a backlog would
    // absorb the pause in the token wait and sends would leave on the bucket's regular beat.
    for (let wait = await governor.takeToken(); wait > 0; wait = await governor.takeToken()) await sleep(wait);
    const jitter = jitterMs.min + Math.floor(Math.random() * (jitterMs.max - jitterMs.min + 1));
    if (jitter > 0) await sleep(jitter);

    // Claimed for sending: whatever it waited for is over (sent, failed or uncertain rows never wait).
    const claimed = await claim(id);
    if (claimed.count === -1) {
      // Fenced off: another process holds the account now. The job goes back for it, no attempt spent.
      await governor.releaseDaily(kind, day);
      logger.warn(
        { deliveryId: id.toString(), account: options.account },
        "lost the account's lease: leaving the delivery to its new holder",
      );
      await job.moveToDelayed(Date.now() + FENCED_RETRY_MS, token);
      // This worker keeps its slot a while longer than the delay: when the job is due again, the new
      // holder's worker is the free one (otherwise the fenced worker, waking first, kept taking it back).
      await sleep(2 * FENCED_RETRY_MS);
      throw new DelayedError();
    }
    if (claimed.count === 0) {
      await governor.releaseDaily(kind, day);
      return "done-before";
    }

    try {
      await sender.send(target, delivery.text);
    } catch (error) {
      if (error instanceof Object) sendErrors.add(error);
      await governor.releaseDaily(kind, day);
      if (error instanceof NotReachableError) return whileDatabaseAway(() => skip(id, "not_reachable"));
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message = error instanceof Error ? error.message : String(error);
      await whileDatabaseAway(() =>
        db.delivery.update({
          where: { id },
          data: { status: final ? "failed" : "queued", reason: `send_error: ${message.slice(0, 200)}` },
        }),
      );
      if (await governor.recordFailure()) logger.warn({ account: job.queueName }, "outbox circuit breaker opened: marketing paused");
      logger.warn({ deliveryId: id.toString(), attempt: job.attemptsMade + 1, final, err: message }, "send failed");
      throw error;
    }
    const sentAt = clock.now();
    await whileDatabaseAway(() => db.delivery.update({ where: { id }, data: { status: "sent", sentAt, reason: null } }));
    await governor.recordSuccess();
    return "sent";
  };

  return function processOutboxJob(job: Job<OutboxJobData>, token?: string): Promise<SendOutcome> {
    return whileDatabaseAway(() => attempt(job, token));
  };
}

/** The outbox's watch: one outage line, then one recovery line with what is still queued. */
function outboxDatabaseWatch(options: OutboxSenderOptions): DatabaseWatch {
  const account = options.account;
  return new DatabaseWatch(options.db, options.logger, {
    role: "outbox",
    countsOnRecovery: async () => ({
      queued: await options.db.delivery.count({ where: { status: "queued", ...(account ? { account } : {}) } }),
    }),
  });
}

/** The outbox's consumer: one at a time per account, in priority order. Runs in the bot process. */
export function createOutboxWorker(
  connection: RedisClient,
  prefix: string,
  account: string,
  options: OutboxSenderOptions & { autorun?: boolean; lockDurationMs?: number },
) {
  const databaseWatch = options.databaseWatch ?? outboxDatabaseWatch({ ...options, account });
  const processor = createOutboxProcessor({ ...options, account, databaseWatch });
  const worker = new Worker<OutboxJobData, SendOutcome>(outboxQueueName(account), processor, {
    connection,
    prefix,
    concurrency: 1,
    autorun: options.autorun ?? true,
    // A job in hand when its process died is taken up again by the account's next holder after this.
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs } : {}),
  });
  worker.on("failed", (job, error) => {
    if (job && !(error instanceof DelayedError)) {
      options.logger.debug({ jobId: job.id, err: error.message }, "outbox job attempt failed");
    }
  });
  // A job waiting for the database would hold the close until the database is back.
  worker.on("closing", () => databaseWatch.stop());
  worker.on("error", workerErrorHandler(connection, options.logger, "outbox worker error"));
  return worker;
}

/**
 * The outbox worker of this context's account, with the governor's settings from its config: what the
 * bot runs, and what tests and benchmarks run with a recording sender.
 *
 * @example const worker = createAccountOutboxWorker(app, { sender: new RecordingSender() });
 */
export function createAccountOutboxWorker(
  app: AppContext,
  options: { sender: MessageSender; autorun?: boolean } & Partial<Pick<OutboxSenderOptions, "quietHours" | "fencingToken">>,
) {
  const { config } = app;
  return createOutboxWorker(app.redis, config.redis.prefix, config.account, {
    db: app.db,
    governor: app.governor,
    clock: app.clock,
    logger: app.logger,
    timeZone: config.timeZone,
    quietHours: config.outbox.quietHours,
    jitterMs: config.outbox.jitterMs,
    memberCaps: config.outbox.memberCaps,
    // As long as the account's lease, at least 5 s (BullMQ renews the lock at half of it).
    lockDurationMs: Math.max(5000, config.fleet.leaseMs),
    ...options,
  });
}
