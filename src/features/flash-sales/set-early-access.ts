import type { AppContext } from "../../kernel/app-context.js";
import type { FlashSale } from "../../kernel/db/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { loadEarlyAccess, loadGateFromDb } from "./flash-gate-record.js";

export type SetEarlyAccessOutcome =
  | { kind: "set"; sale: FlashSale; opensAt: Date }
  | { kind: "alreadyStarted"; sale: FlashSale }
  | NotFound;

/**
 * 优先购: a scheduled sale opens `minutes` early for `memberIds` (whoever the caller chose: a level or a
 * layer, as `audience` names it). Stored on the sale (so a rebuilt gate has it) and put in the gate, whose
 * grab script checks it atomically with the rest. 0 minutes takes it away. Refused once the sale has started.
 */
export async function setEarlyAccess(
  app: AppContext,
  input: { saleId: number; minutes: number; audience: string; memberIds: readonly number[] },
): Promise<SetEarlyAccessOutcome> {
  const { db } = app;
  const sale = await db.flashSale.findUnique({ where: { id: input.saleId } });
  if (!sale) return notFound;
  if (sale.status !== "scheduled" || sale.startsAt <= app.clock.now()) return { kind: "alreadyStarted", sale };
  const updated = await db.flashSale.update({
    where: { id: sale.id },
    data: { earlyMinutes: input.minutes, earlyAudience: input.minutes > 0 ? input.audience : null, earlyMemberIds: [...input.memberIds] },
  });
  // A gate not in Redis yet is loaded whole (with the early set); one already there gets the set now.
  await loadGateFromDb(app, updated);
  await loadEarlyAccess(app, updated);
  return { kind: "set", sale: updated, opensAt: new Date(updated.startsAt.getTime() - updated.earlyMinutes * 60_000) };
}
