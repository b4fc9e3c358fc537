import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logger.js";
import type { Db } from "./client.js";

// PostgreSQL error classes that mean "the server is not there right now", not "this query is wrong":
// 08 connection exception, 57P01-03 admin shutdown / crash shutdown / cannot connect now, 53300 too many
// connections; 55000 only with the message of ALLOW_CONNECTIONS false.
const UNREACHABLE_CODES = /^(08\w{3}|57P0[123]|53300)$/;
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNREACHABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|Connection terminated|connection timeout|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|Server has closed the connection|Client has encountered a connection error/i;

/**
 * Whether `error` says the database could not be reached (refused, dropped, shutting down), as
 * opposed to a query that failed on its own. Looks through Prisma's and the pg adapter's wrappers.
 *
 * @example isDatabaseUnreachable(new Error("connect ECONNREFUSED 127.0.0.1:5432")) // true
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof o.kind === "string" && UNREACHABLE_KINDS.has(o.kind)) return true;
    if (typeof o.code === "string" && (UNREACHABLE_CODES.test(o.code) || UNREACHABLE_PRISMA.has(o.code))) return true;
    if (typeof o.message === "string" && UNREACHABLE_TEXT.test(o.message)) return true;
    queue.push(o.cause, o.meta?.driverAdapterError);
  }
  return false;
}

/** Thrown to work that was waiting for the database when the process started to stop. */
export class StoppedWaitingError extends Error {
  constructor() {
    super("stopped while waiting for the database");
  }
}

export interface DatabaseWatchOptions {
  /** Who waits, for the log lines: "outbox", "jobs". */
  role: string;
  /** First pause between probes; doubles up to `maxProbeMs`. */
  probeMs?: number;
  maxProbeMs?: number;
  /** Figures for the recovery line (e.g. how many deliveries are still queued). */
  countsOnRecovery?: () => Promise<Record<string, number>>;
  /** Called once the database answers again (e.g. to sweep what failed meanwhile). */
  onRecovered?: () => Promise<void>;
}

/**
 * Holds work while the database cannot be reached, instead of letting each job spend its retries on
 * an outage: one probe loop per process role, one log line when the outage starts and one when it
 * ends (with its duration and counts), however many jobs were waiting.
 *
 * @example await watch.retrying(() => db.delivery.update(…)) // waits out an outage, then runs again
 */
export class DatabaseWatch {
  private outage: { since: number; held: number; back: Promise<void> } | undefined;
  private stopped = false;
  private readonly stopSignal = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly options: DatabaseWatchOptions,
  ) {}

  /**
   * Runs `work`; when it fails because the database is away, waits until the database answers and
   * runs it again (so `work` must be safe to run twice). Other errors are thrown as they are.
   */
  async retrying<T>(work: () => Promise<T>, retryable: (error: unknown) => boolean = isDatabaseUnreachable): Promise<T> {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (this.stopped || !retryable(error)) throw error;
        await this.untilReachable(error);
      }
    }
  }

  /** Resolves when the database answers again (rejects with StoppedWaitingError on `stop`). */
  untilReachable(cause?: unknown): Promise<void> {
    if (this.stopped) return Promise.reject(new StoppedWaitingError());
    if (!this.outage) {
      const reason = cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause);
      this.logger.warn(
        { role: this.options.role, reason },
        `database unreachable: ${this.options.role} waits for it (one line per outage)`,
      );
      const outage = { since: Date.now(), held: 0, back: Promise.resolve() };
      outage.back = this.probe(outage);
      this.outage = outage;
    }
    this.outage.held++;
    return this.outage.back;
  }

  /** Wakes every waiter with StoppedWaitingError: the process is stopping. */
  stop(): void {
    this.stopped = true;
    this.stopSignal.abort();
  }

  private async probe(outage: { since: number; held: number }): Promise<void> {
    let pause = this.options.probeMs ?? 500;
    for (;;) {
      try {
        await sleep(pause, undefined, { signal: this.stopSignal.signal });
      } catch {
        this.outage = undefined;
        throw new StoppedWaitingError();
      }
      pause = Math.min(pause * 2, this.options.maxProbeMs ?? 5000);
      try {
        await this.db.$queryRaw`select 1`;
        break;
      } catch (error) {
        if (!isDatabaseUnreachable(error)) break; // answering, if oddly: let the work find out
      }
    }
    this.outage = undefined;
    const counts = await this.options.countsOnRecovery?.().catch(() => ({}));
    this.logger.info(
      { role: this.options.role, downForMs: Date.now() - outage.since, waited: outage.held, ...counts },
      `database reachable again: ${this.options.role} goes on`,
    );
    await this.options.onRecovered?.().catch((error) => this.logger.warn({ err: (error as Error).message }, "after-outage step failed"));
  }
}
