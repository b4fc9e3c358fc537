// Set-based jobs (RFM, rule tags, win-back selection) run a few long SQL statements in one transaction.
// Prisma's batch transactions time out after 5 s; these may take a minute on a large community.

/** Options for a long set-based transaction: up to 10 minutes. */
export const LONG_TRANSACTION = { timeout: 10 * 60_000, maxWait: 30_000 } as const;

/** Runs lazy Prisma queries one after another (they start only when awaited), returning their results. */
export async function inSequence<T>(steps: ReadonlyArray<PromiseLike<T>>): Promise<T[]> {
  const results: T[] = [];
  for (const step of steps) results.push(await step);
  return results;
}
