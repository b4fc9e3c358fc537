import { randomInt } from "node:crypto";
import type { Db } from "../../infra/db/client.js";

/**
 * A one-time 6-digit bind code for a shop customer (CSPRNG; not shared with another live code). The
 * check and the insert hold a lock on the code, so two requests drawing the same code cannot both
 * issue it.
 */
export async function createBindCode(db: Db, input: { customerId: string; at: Date; ttlMs: number }): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(input.at.getTime() + input.ttlMs);
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const issued = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7305, ${Number(code)}::int)`;
      const live = await tx.bindCode.count({ where: { code, usedAt: null, expiresAt: { gt: input.at } } });
      if (live > 0) return false;
      await tx.bindCode.create({ data: { code, shopCustomerId: input.customerId, expiresAt, createdAt: input.at } });
      return true;
    });
    if (issued) return { code, expiresAt };
  }
}
