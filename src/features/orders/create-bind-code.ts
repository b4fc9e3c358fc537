import { randomInt } from "node:crypto";
import type { AppContext } from "../../kernel/app-context.js";

export type CreateBindCodeOutcome =
  /** A new code (the customer had none live, or only one with less than half its time left, now retired). */
  | { kind: "created"; code: string; expiresAt: Date }
  /** The customer's live code, again: a second request (a reload, a retry) mints nothing. */
  | { kind: "live"; code: string; expiresAt: Date };

/**
 * A one-time 6-digit bind code for a shop customer (CSPRNG; not shared with another live code), at
 * most one live per customer: the live one is returned while at least half its time is left, so a
 * customer always has time to type it; otherwise it is retired and a new one minted. Live codes are
 * what a guesser aims at (N live codes: a guess hits with N/10⁶), so requests must not multiply them.
 *
 * Two locks, always in this order: the customer's (issuance for one customer is serial, so 200 requests
 * at once still leave one live code), then the drawn code's (two customers drawing the same digits
 * cannot both issue them). Neither is the bind's customer lock (7304), which 绑定 takes after a
 * bind_codes row lock: sharing it could deadlock with the retiring update here.
 */
export async function createBindCode(
  app: AppContext,
  input: { customerId: string; at: Date; ttlMs: number },
): Promise<CreateBindCodeOutcome> {
  const expiresAt = new Date(input.at.getTime() + input.ttlMs);
  return app.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7306, hashtext(${input.customerId}))`;
      const liveWhere = { shopCustomerId: input.customerId, usedAt: null, expiresAt: { gt: input.at } };
      const live = await tx.bindCode.findFirst({ where: liveWhere, orderBy: { id: "desc" } });
      if (live && live.expiresAt.getTime() - input.at.getTime() >= input.ttlMs / 2) {
        return { kind: "live" as const, code: live.code, expiresAt: live.expiresAt };
      }
      if (live) await tx.bindCode.updateMany({ where: liveWhere, data: { expiresAt: input.at } });
      for (;;) {
        const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(7305, ${Number(code)}::int)`;
        const taken = await tx.bindCode.count({ where: { code, usedAt: null, expiresAt: { gt: input.at } } });
        if (taken > 0) continue;
        await tx.bindCode.create({ data: { code, shopCustomerId: input.customerId, expiresAt, createdAt: input.at } });
        return { kind: "created" as const, code, expiresAt };
      }
    },
    // A burst for one customer queues on its lock, each holding a pooled connection meanwhile.
    { maxWait: 15_000, timeout: 15_000 },
  );
}
