// Which earned points are still unspent: FIFO over the ledger, computed (nothing in the ledger is ever
// updated). Lots are earning entries (points > 0 with an expiry); a reversal shrinks the lot it names;
// every other entry (spend, its release, expiry) is a debit that consumes lots oldest first.
// Why computed and not a mutable "remaining" column: the ledger stays append-only, a replayed entry cannot
// double-consume, and the whole rule is this pure function, tested as a table.

export interface LedgerRow {
  id: number;
  points: number;
  /** Set on lots (earnings). */
  expiresAt: Date | null;
  /** Set on reversals: the lot they take back. */
  lotId: number | null;
}

export interface Lot {
  id: number;
  /** Earned, less what reversals took back. */
  amount: number;
  /** Not yet spent or expired. */
  remaining: number;
  expiresAt: Date;
}

/**
 * The lots of one member's ledger, oldest expiry first, each with what is left of it.
 *
 * @example computeLots([{ id: 1, points: 100, expiresAt: d1, lotId: null }, { id: 2, points: -30, expiresAt: null, lotId: null }])
 *          // [{ id: 1, amount: 100, remaining: 70, expiresAt: d1 }]
 */
export function computeLots(rows: readonly LedgerRow[]): Lot[] {
  const lots = new Map<number, Lot>();
  for (const row of rows) {
    if (row.points > 0 && row.expiresAt) lots.set(row.id, { id: row.id, amount: row.points, remaining: 0, expiresAt: row.expiresAt });
  }
  let debits = 0;
  for (const row of rows) {
    if (row.points > 0 && row.expiresAt) continue;
    const lot = row.lotId !== null ? lots.get(row.lotId) : undefined;
    if (lot) lot.amount += row.points;
    else debits -= row.points;
  }
  const ordered = [...lots.values()].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id - b.id);
  for (const lot of ordered) {
    const taken = Math.min(Math.max(lot.amount, 0), Math.max(debits, 0));
    lot.remaining = Math.max(lot.amount, 0) - taken;
    debits -= taken;
  }
  return ordered;
}

/** Points a member may spend at `at`: what is left of lots not yet expired. */
export function availablePoints(lots: readonly Lot[], at: Date): number {
  return lots.filter((lot) => lot.expiresAt > at).reduce((sum, lot) => sum + lot.remaining, 0);
}

/** The next expiry: when, and how many points, of the lots still holding points after `at`. */
export function nextExpiry(lots: readonly Lot[], at: Date): { at: Date; points: number } | undefined {
  const next = lots.find((lot) => lot.expiresAt > at && lot.remaining > 0);
  if (!next) return undefined;
  const points = lots.filter((lot) => lot.expiresAt.getTime() === next.expiresAt.getTime()).reduce((s, l) => s + l.remaining, 0);
  return { at: next.expiresAt, points };
}

/** Points earned for a paid amount: rounded down, per order. */
export function pointsForCents(amountCents: number, pointsPerYuan: number): number {
  return Math.max(0, Math.floor((amountCents * pointsPerYuan) / 100));
}

/** An earning's expiry: `months` calendar months after it was earned (UTC month arithmetic, clamped to month end). */
export function expiryOf(earnedAt: Date, months: number): Date {
  const d = new Date(earnedAt.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
