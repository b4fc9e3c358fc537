import { type JobsOptions, Queue } from "bullmq";
import type { Db } from "../db/client.js";
import type { $Enums } from "../db/generated/client.js";
import { resolveAccounts } from "../fleet/resolve-accounts.js";
import { type RedisClient, taggedQueueName, watchQueueErrors } from "../redis.js";
import type { Clock } from "../time/clock.js";
import { type MessageKind, priorityOf } from "./message-kind.js";
import type { Outbox, OutgoingMessage, QueuedDelivery } from "./outgoing-message.js";

// The kinds are declared once, in the pure ./message-kind.ts; the database's MessageKind enum (schema.prisma)
// must hold the same words. This fails to compile when the two drift apart.
type SameWords<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type MessageKindMatchesSchema = Assert<SameWords<MessageKind, $Enums.MessageKind>>;
type Assert<T extends true> = T;

/**
 * One outbox queue per WeChat account: the account is what WeChat rate-limits and bans. Its name is a
 * hash tag, so on a Redis Cluster each account's queue lies in its own slot.
 */
export function outboxQueueName(account: string): string {
  return taggedQueueName(`outbox-${account}`);
}

export interface OutboxJobData {
  deliveryId: string;
}

export type OutboxQueue = Queue<OutboxJobData>;

export function createOutboxQueue(connection: RedisClient, prefix: string, account: string): OutboxQueue {
  return watchQueueErrors(new Queue<OutboxJobData>(outboxQueueName(account), { connection, prefix }), connection);
}

export function outboxJobId(deliveryId: bigint | string): string {
  return `d-${deliveryId}`;
}

interface BullOutboxOptions {
  db: Db;
  /** This process's account's queue; other accounts' queues are opened on first use. */
  queue: OutboxQueue;
  redis: RedisClient;
  /** The Redis prefix the queues live under. */
  prefix: string;
  /** Where the stranded-row sweep remembers how far it has looked. */
  sweepCursorKey: (account: string) => string;
  account: string;
  clock: Clock;
  attempts: number;
  backoffMs: number;
}

/**
 * The outbox's producer: a delivery row first (the record of intent, and the dedupe point),
 * then a job whose id is the row's id, so enqueueing twice never sends twice.
 */
export class BullOutbox implements Outbox {
  private readonly queues = new Map<string, OutboxQueue>();

  constructor(private readonly options: BullOutboxOptions) {
    this.queues.set(options.account, options.queue);
  }

  /** An account's outbox queue (every delivery is queued on the account it was routed to). */
  queueOf(account: string): OutboxQueue {
    let queue = this.queues.get(account);
    if (!queue) {
      queue = createOutboxQueue(this.options.redis, this.options.prefix, account);
      this.queues.set(account, queue);
    }
    return queue;
  }

  /** Closes the queues opened for other accounts (this account's queue is the app context's). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].filter((q) => q !== this.options.queue).map((q) => q.close()));
  }

  async send(message: OutgoingMessage): Promise<QueuedDelivery> {
    const [queued] = await this.sendMany([message]);
    return queued!;
  }

  async sendMany(messages: readonly OutgoingMessage[]): Promise<QueuedDelivery[]> {
    if (messages.length === 0) return [];
    const { db } = this.options;
    // Each message is routed to an account now (docs/fleet.md); nobody can reach it: a skipped row, no_account.
    const routes = await resolveAccounts(db, messages, this.options.account);
    const accounts = routes.map((route) => route.account ?? this.options.account);
    const statuses = routes.map((route) => (route.account === null ? "skipped" : "queued"));
    const reasons = routes.map((route) => (route.account === null ? route.reason : null));
    // One INSERT … SELECT FROM unnest(arrays): a bound parameter per column, not per value, so a
    // fan-out batch of thousands is one cheap statement (Prisma's createManyAndReturn took ~1 s per 2,000).
    const created = (
      await db.$queryRaw<Array<{ id: bigint; dedupe_key: string | null; account: string; status: string }>>`
        insert into deliveries (account, status, reason, kind, text, member_id, room_id, dedupe_key, campaign, valid_until, updated_at)
        select u.account, u.status, u.reason, u.kind, u.text, u.member_id, u.room_id, u.dedupe_key, u.campaign, u.valid_until, now()
          from unnest(${accounts}::text[], ${statuses}::"DeliveryStatus"[], ${reasons}::text[],
                      ${messages.map((m) => m.kind)}::"MessageKind"[], ${messages.map((m) => m.text)}::text[],
                      ${messages.map((m) => ("memberId" in m.to ? m.to.memberId : null))}::int[],
                      ${messages.map((m) => ("roomId" in m.to ? m.to.roomId : null))}::int[],
                      ${messages.map((m) => m.dedupeKey ?? null)}::text[], ${messages.map((m) => m.campaign ?? null)}::text[],
                      ${messages.map((m) => m.validUntil?.toISOString() ?? null)}::timestamptz[])
               with ordinality as u(account, status, reason, kind, text, member_id, room_id, dedupe_key, campaign, valid_until, n)
         order by u.n
        on conflict (dedupe_key) do nothing
        returning id, dedupe_key, account, status`
    ).map((row) => ({ id: BigInt(row.id), dedupeKey: row.dedupe_key, account: row.account, status: row.status }));

    // RETURNING keeps the VALUES order; rows with a used dedupe key are simply absent.
    const byKey = new Map(created.filter((r) => r.dedupeKey).map((r) => [r.dedupeKey!, r]));
    const unkeyed = created.filter((r) => !r.dedupeKey);
    const usedKeys = messages.filter((m) => m.dedupeKey && !byKey.has(m.dedupeKey)).map((m) => m.dedupeKey!);
    const existing = usedKeys.length
      ? await db.delivery.findMany({
          where: { dedupeKey: { in: usedKeys } },
          select: { id: true, dedupeKey: true, status: true, account: true },
        })
      : [];
    const existingByKey = new Map(existing.map((r) => [r.dedupeKey!, r]));

    const results: QueuedDelivery[] = [];
    const jobs = new Map<string, Array<{ name: string; data: OutboxJobData; opts: JobsOptions }>>();
    const enqueue = (account: string, id: bigint, message: OutgoingMessage) => {
      const list = jobs.get(account) ?? [];
      list.push(this.job(id, message.kind, message.notBefore));
      jobs.set(account, list);
    };
    let nextUnkeyed = 0;
    for (const message of messages) {
      const row = message.dedupeKey ? byKey.get(message.dedupeKey) : unkeyed[nextUnkeyed++];
      if (row !== undefined) {
        const queued = row.status === "queued";
        if (queued) enqueue(row.account, row.id, message);
        results.push({ deliveryId: row.id, created: true, account: queued ? row.account : null });
        continue;
      }
      const old = existingByKey.get(message.dedupeKey!)!;
      // A row still queued may have lost its job to a crash between insert and enqueue: queue it again
      // (same job id, so a job that does exist is left alone).
      if (old.status === "queued") enqueue(old.account, old.id, message);
      results.push({ deliveryId: old.id, created: false });
    }
    for (const [account, list] of jobs) await this.queueOf(account).addBulk(list);
    return results;
  }

  async recordSkipped(skipped: ReadonlyArray<{ message: OutgoingMessage; reason: string }>): Promise<void> {
    if (skipped.length === 0) return;
    await this.options.db.delivery.createMany({
      data: skipped.map(({ message, reason }) => ({
        account: this.options.account,
        kind: message.kind,
        memberId: "memberId" in message.to ? message.to.memberId : null,
        roomId: "roomId" in message.to ? message.to.roomId : null,
        text: message.text,
        status: "skipped" as const,
        reason,
        dedupeKey: message.dedupeKey,
        campaign: message.campaign,
        validUntil: message.validUntil,
      })),
      // The same message decided twice (a batch redone after a crash) is recorded once.
      skipDuplicates: true,
    });
  }

  /**
   * Queues deliveries again by id (a resumed push's held rows). A finished job still holding the id
   * is removed first, or BullMQ would take the new job for a duplicate.
   */
  async requeue(rows: ReadonlyArray<{ id: bigint; kind: MessageKind }>): Promise<void> {
    if (rows.length === 0) return;
    const accountOf = new Map(
      (await this.options.db.delivery.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, account: true } })).map(
        (r) => [r.id, r.account],
      ),
    );
    const byAccount = new Map<string, Array<{ id: bigint; kind: MessageKind }>>();
    for (const row of rows) {
      const account = accountOf.get(row.id) ?? this.options.account;
      const list = byAccount.get(account);
      if (list) list.push(row);
      else byAccount.set(account, [row]);
    }
    for (const [account, list] of byAccount) {
      const queue = this.queueOf(account);
      for (const row of list) await queue.remove(outboxJobId(row.id)).catch(() => 0);
      await queue.addBulk(list.map((row) => this.job(row.id, row.kind)));
    }
  }

  /**
   * Failover: moves queued, unsent deliveries from one account to another. The row's account changes
   * only while it is still queued on `from` (the old account's sender claims a row only while it is
   * its own), then its job leaves the old queue and the same job id is added to the new one: a row is
   * never claimed by both. Returns the ids moved.
   */
  async moveToAccount(
    rows: ReadonlyArray<{ id: bigint; kind: MessageKind; deferredUntil?: Date | null }>,
    from: string,
    to: string,
  ): Promise<bigint[]> {
    const moved: bigint[] = [];
    const oldQueue = this.queueOf(from);
    const newQueue = this.queueOf(to);
    for (const row of rows) {
      const updated = await this.options.db.delivery.updateMany({
        where: { id: row.id, status: "queued", account: from },
        data: { account: to },
      });
      if (updated.count === 0) continue;
      // The old job's due time (a scheduled post, a deferral) carries over to the new one.
      const old = await oldQueue.getJob(outboxJobId(row.id)).catch(() => undefined);
      const due = Math.max(old ? old.timestamp + (old.delay ?? 0) : 0, row.deferredUntil?.getTime() ?? 0);
      await oldQueue.remove(outboxJobId(row.id)).catch(() => 0);
      moved.push(row.id);
      await newQueue.add(row.kind, { deliveryId: row.id.toString() }, this.job(row.id, row.kind, due > 0 ? new Date(due) : undefined).opts);
    }
    return moved;
  }

  /**
   * Finds deliveries left `queued` without a live job and queues them: the process died between the
   * row and the job, or the job spent its attempts while the row could not be written (a database
   * outage) and lies in the failed set. Every row is looked at once, when it is older than
   * `olderThan`: a cursor in Redis remembers how far the sweep got, so a 500,000-row backlog of
   * queued pushes is not re-checked every run; the cursor stops before a row it could not check.
   * Jobs that fail later, behind the cursor, are `retryFailed`'s. Returns how many were queued.
   */
  async requeueStranded(olderThan: Date, pageSize = 2000, account = this.options.account): Promise<number> {
    const { db, redis } = this.options;
    const queue = this.queueOf(account);
    const sweepCursorKey = this.options.sweepCursorKey(account);
    let cursor = BigInt((await redis.get(sweepCursorKey)) ?? "0");
    const failedKey = queue.toKey("failed");
    let requeued = 0;
    for (;;) {
      const rows = await db.delivery.findMany({
        where: { account, id: { gt: cursor }, createdAt: { lt: olderThan } },
        select: { id: true, kind: true, status: true },
        orderBy: { id: "asc" },
        take: pageSize,
      });
      if (rows.length === 0) break;
      const queued = rows.filter((row) => row.status === "queued");
      const pipeline = redis.pipeline();
      for (const row of queued) pipeline.exists(queue.toKey(outboxJobId(row.id))).zscore(failedKey, outboxJobId(row.id));
      const replies = (await pipeline.exec()) ?? [];
      const missing: typeof queued = [];
      const failed: typeof queued = [];
      let unchecked: bigint | undefined;
      queued.forEach((row, i) => {
        const [existsError, exists] = replies[2 * i] ?? [new Error("no reply")];
        const [failedError, failedScore] = replies[2 * i + 1] ?? [new Error("no reply")];
        if (existsError || failedError) unchecked ??= row.id;
        else if (unchecked !== undefined) return;
        else if (exists !== 1) missing.push(row);
        else if (failedScore !== null) failed.push(row);
      });
      const settled = (row: { id: bigint }) => unchecked === undefined || row.id < unchecked;
      const toAdd = missing.filter(settled);
      if (toAdd.length) await queue.addBulk(toAdd.map((row) => this.job(row.id, row.kind)));
      const retried = await this.retryJobs(queue, failed.filter(settled));
      requeued += toAdd.length + retried;
      // Past every row looked at, or up to (not past) the first one whose job could not be checked.
      const last = unchecked !== undefined ? unchecked - 1n : rows[rows.length - 1]!.id;
      if (last > cursor) {
        cursor = last;
        await redis.set(sweepCursorKey, cursor.toString());
      }
      if (unchecked !== undefined || rows.length < pageSize) break;
    }
    return requeued;
  }

  /**
   * Retries the failed jobs whose delivery is not settled (still `queued`, or `sending` after a
   * crash, which the sender then marks uncertain): a job that spent its attempts while the database
   * or Redis was away must not be the end of its delivery. Jobs of settled rows are left as the
   * record they are. Returns how many were retried.
   */
  async retryFailed(pageSize = 1000, account = this.options.account): Promise<number> {
    const { db } = this.options;
    const queue = this.queueOf(account);
    let retried = 0;
    // Retried jobs leave the failed set, so pages are read by position among those that stay.
    for (let start = 0; ; ) {
      const jobs = (await queue.getFailed(start, start + pageSize - 1)).filter(Boolean);
      if (jobs.length === 0) break;
      const ids = [...new Set(jobs.map((job) => job.data?.deliveryId).filter((id): id is string => /^\d+$/.test(id ?? "")))];
      const open = new Set(
        (
          await db.delivery.findMany({
            where: { id: { in: ids.map(BigInt) }, status: { in: ["queued", "sending"] } },
            select: { id: true },
          })
        ).map((r) => r.id.toString()),
      );
      const toRetry = jobs.filter((job) => open.has(job.data?.deliveryId));
      for (const job of toRetry) await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
      retried += toRetry.length;
      start += jobs.length - toRetry.length;
      if (jobs.length < pageSize) break;
    }
    return retried;
  }

  /** Moves failed jobs of these rows back to waiting, with their attempts renewed. */
  private async retryJobs(queue: OutboxQueue, rows: ReadonlyArray<{ id: bigint }>): Promise<number> {
    let retried = 0;
    for (const row of rows) {
      const job = await queue.getJob(outboxJobId(row.id));
      if (!job) continue;
      await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
      retried++;
    }
    return retried;
  }

  private job(id: bigint, kind: MessageKind, notBefore?: Date) {
    const delay = notBefore ? Math.max(0, notBefore.getTime() - this.options.clock.now().getTime()) : 0;
    return {
      name: kind,
      data: { deliveryId: id.toString() },
      opts: {
        jobId: outboxJobId(id),
        priority: priorityOf(kind),
        delay,
        attempts: this.options.attempts,
        backoff: { type: "exponential", delay: this.options.backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      } satisfies JobsOptions,
    };
  }
}
