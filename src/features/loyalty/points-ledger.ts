// The points ledger's two primitives: append an entry (idempotent on member + source + ref) and read a
// member's lots. Every writer that checks a balance first takes the member's points lock, so two spends
// can never both see the same points.
import type { AppContext } from "../../kernel/app-context.js";
import type { Prisma } from "../../kernel/db/client.js";
import type { PointSource } from "../../kernel/db/generated/client.js";
import { computeLots, type Lot } from "./rules/lots.js";

export type Tx = Prisma.TransactionClient;

/** Short transactions, but a burst (开抢 of 兑换) may queue many for the pool: wait for a connection. */
export const POINTS_TX = { maxWait: 20_000, timeout: 20_000 } as const;

// Advisory locks in the single-bigint key space (apart from the (int, int) pairs coupons use), offset so
// no other feature's small ids collide.
const POINTS_LOCK_BASE = 0x5054_0000_0000n;

/** Serialises every balance-checking write of one member until the transaction ends. */
export async function lockMemberPoints(tx: Tx, memberId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${POINTS_LOCK_BASE + BigInt(memberId)}::bigint)`;
}

export interface NewEntry {
  memberId: number;
  points: number;
  source: PointSource;
  ref: string;
  at: Date;
  expiresAt?: Date | null;
  lotId?: number | null;
  note?: string | null;
}

/**
 * Appends one entry unless (member, source, ref) has one: a replayed order or a retried job writes
 * nothing. Returns whether it was written.
 *
 * @example await appendEntry(tx, { memberId, points: 120, source: "order", ref: String(order.id), at, expiresAt })
 */
export async function appendEntry(tx: Tx, entry: NewEntry): Promise<boolean> {
  const written = await tx.pointEntry.createMany({
    data: [
      {
        memberId: entry.memberId,
        points: entry.points,
        source: entry.source,
        ref: entry.ref,
        at: entry.at,
        expiresAt: entry.expiresAt ?? null,
        lotId: entry.lotId ?? null,
        note: entry.note ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return written.count === 1;
}

/** A member's lots (oldest first, with what is left of each), from the whole ledger. */
export async function readLots(tx: Tx | AppContext["db"], memberId: number): Promise<Lot[]> {
  const rows = await tx.pointEntry.findMany({
    where: { memberId },
    select: { id: true, points: true, expiresAt: true, lotId: true },
  });
  return computeLots(rows);
}
