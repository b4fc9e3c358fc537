import { type JobsOptions, Queue } from "bullmq";
import type { Db } from "../db/client.js";
import type { $Enums } from "../db/generated/client.js";
import { type RedisClient, taggedQueueName } from "../redis.js";
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
  return new Queue<OutboxJobData>(outboxQueueName(account), { connection, prefix });
}

export function outboxJobId(deliveryId: bigint | string): string {
  return `d-${deliveryId}`;
}

interface BullOutboxOptions {
  db: Db;
  queue: OutboxQueue;
  redis: RedisClient;
  /** Where the stranded-row sweep remembers how far it has looked. */
  sweepCursorKey: string;
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
  constructor(private readonly options: BullOutboxOptions) {}

  async send(message: OutgoingMessage): Promise<QueuedDelivery> {
    const [queued] = await this.sendMany([message]);
    return queued!;
  }

  async sendMany(messages: readonly OutgoingMessage[]): Promise<QueuedDelivery[]> {
    if (messages.length === 0) return [];
    const { db, account } = this.options;
    // One INSERT … SELECT FROM unnest(arrays): a bound parameter per column, not per value, so a
    // fan-out batch of thousands is one cheap statement (Prisma's createManyAndReturn took ~1 s per 2,000).
    const created = (
      await db.$queryRaw<Array<{ id: bigint; dedupe_key: string | null }>>`
        insert into deliveries (account, kind, text, member_id, room_id, dedupe_key, campaign, valid_until, updated_at)
        select ${account}, u.kind, u.text, u.member_id, u.room_id, u.dedupe_key, u.campaign, u.valid_until, now()
          from unnest(${messages.map((m) => m.kind)}::"MessageKind"[], ${messages.map((m) => m.text)}::text[],
                      ${messages.map((m) => ("memberId" in m.to ? m.to.memberId : null))}::int[],
                      ${messages.map((m) => ("roomId" in m.to ? m.to.roomId : null))}::int[],
                      ${messages.map((m) => m.dedupeKey ?? null)}::text[], ${messages.map((m) => m.campaign ?? null)}::text[],
                      ${messages.map((m) => m.validUntil?.toISOString() ?? null)}::timestamptz[])
               with ordinality as u(kind, text, member_id, room_id, dedupe_key, campaign, valid_until, n)
         order by u.n
        on conflict (dedupe_key) do nothing
        returning id, dedupe_key`
    ).map((row) => ({ id: BigInt(row.id), dedupeKey: row.dedupe_key }));

    // RETURNING keeps the VALUES order; rows with a used dedupe key are simply absent.
    const byKey = new Map(created.filter((r) => r.dedupeKey).map((r) => [r.dedupeKey!, r.id]));
    const unkeyed = created.filter((r) => !r.dedupeKey).map((r) => r.id);
    const usedKeys = messages.filter((m) => m.dedupeKey && !byKey.has(m.dedupeKey)).map((m) => m.dedupeKey!);
    const existing = usedKeys.length
      ? await db.delivery.findMany({ where: { dedupeKey: { in: usedKeys } }, select: { id: true, dedupeKey: true, status: true } })
      : [];
    const existingByKey = new Map(existing.map((r) => [r.dedupeKey!, r]));

    const results: QueuedDelivery[] = [];
    const jobs: Array<{ name: string; data: OutboxJobData; opts: JobsOptions }> = [];
    let nextUnkeyed = 0;
    for (const message of messages) {
      const newId = message.dedupeKey ? byKey.get(message.dedupeKey) : unkeyed[nextUnkeyed++];
      if (newId !== undefined) {
        jobs.push(this.job(newId, message.kind, message.notBefore));
        results.push({ deliveryId: newId, created: true });
        continue;
      }
      const old = existingByKey.get(message.dedupeKey!)!;
      // A row still queued may have lost its job to a crash between insert and enqueue: queue it again
      // (same job id, so a job that does exist is left alone).
      if (old.status === "queued") jobs.push(this.job(old.id, message.kind, message.notBefore));
      results.push({ deliveryId: old.id, created: false });
    }
    if (jobs.length) await this.options.queue.addBulk(jobs);
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
    for (const row of rows) await this.options.queue.remove(outboxJobId(row.id)).catch(() => 0);
    await this.options.queue.addBulk(rows.map((row) => this.job(row.id, row.kind)));
  }

  /**
   * Finds deliveries left `queued` without a live job and queues them: the process died between the
   * row and the job, or the job spent its attempts while the row could not be written (a database
   * outage) and lies in the failed set. Every row is looked at once, when it is older than
   * `olderThan`: a cursor in Redis remembers how far the sweep got, so a 500,000-row backlog of
   * queued pushes is not re-checked every run; the cursor stops before a row it could not check.
   * Jobs that fail later, behind the cursor, are `retryFailed`'s. Returns how many were queued.
   */
  async requeueStranded(olderThan: Date, pageSize = 2000): Promise<number> {
    const { db, queue, redis, sweepCursorKey, account } = this.options;
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
      const retried = await this.retryJobs(failed.filter(settled));
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
  async retryFailed(pageSize = 1000): Promise<number> {
    const { db, queue } = this.options;
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
  private async retryJobs(rows: ReadonlyArray<{ id: bigint }>): Promise<number> {
    let retried = 0;
    for (const row of rows) {
      const job = await this.options.queue.getJob(outboxJobId(row.id));
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
