import type { AppContext } from "../../kernel/app-context.js";
import type { Prisma } from "../../kernel/db/client.js";
import { countInWindow } from "../../kernel/rate-limit.js";

/**
 * Serialises a customer's binding with the recording of the customer's orders (transaction-scoped): an
 * order inserted while a bind is in flight would otherwise miss both the link (not yet committed) and
 * the bind's attach (which ran before the order existed).
 */
export async function lockShopCustomer(tx: Prisma.TransactionClient, shopCustomerId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7304, hashtext(${shopCustomerId}))`;
}

export type BindCustomerOutcome =
  | { kind: "bound"; shopCustomerId: string; attachedOrders: number }
  | { kind: "rateLimited" }
  | { kind: "invalid" }
  | { kind: "expired" };

/**
 * A member's 绑定 123456: links the shop customer the code was made for, once, and attaches the
 * customer's orders kept so far. Every attempt counts against the member's hourly guesses
 * (a million codes cannot be walked at 5 an hour).
 */
export async function bindCustomer(
  app: AppContext,
  input: { memberId: number; code: string; at: Date; guessesPerHour: number; limitKey: string },
): Promise<BindCustomerOutcome> {
  const { db, redis } = app;
  const guesses = await countInWindow(redis, input.limitKey, 3_600_000);
  if (guesses > input.guessesPerHour) return { kind: "rateLimited" };
  const row = await db.bindCode.findFirst({ where: { code: input.code, usedAt: null }, orderBy: { id: "desc" } });
  if (!row) return { kind: "invalid" };
  if (row.expiresAt <= input.at) return { kind: "expired" };
  return db.$transaction(async (tx) => {
    const used = await tx.bindCode.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: input.at, usedById: input.memberId },
    });
    if (used.count === 0) return { kind: "invalid" as const };
    await lockShopCustomer(tx, row.shopCustomerId);
    await tx.customerLink.upsert({
      where: { shopCustomerId: row.shopCustomerId },
      create: { shopCustomerId: row.shopCustomerId, memberId: input.memberId, linkedAt: input.at },
      update: { memberId: input.memberId, linkedAt: input.at },
    });
    const attached = await tx.order.updateMany({
      where: { shopCustomerId: row.shopCustomerId, memberId: null },
      data: { memberId: input.memberId },
    });
    return { kind: "bound" as const, shopCustomerId: row.shopCustomerId, attachedOrders: attached.count };
  });
}
