import { randomInt } from "node:crypto";
import type { Db } from "../../infra/db/client.js";

/** A one-time 6-digit bind code for a shop customer (CSPRNG; not shared with another live code). */
export async function createBindCode(db: Db, input: { customerId: string; at: Date; ttlMs: number }): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(input.at.getTime() + input.ttlMs);
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const live = await db.bindCode.count({ where: { code, usedAt: null, expiresAt: { gt: input.at } } });
    if (live > 0) continue;
    await db.bindCode.create({ data: { code, shopCustomerId: input.customerId, expiresAt, createdAt: input.at } });
    return { code, expiresAt };
  }
}
