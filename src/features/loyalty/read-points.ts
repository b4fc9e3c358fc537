import type { AppContext } from "../../kernel/app-context.js";
import type { PointEntry } from "../../kernel/db/generated/client.js";
import { readLots } from "./points-ledger.js";
import { availablePoints, nextExpiry } from "./rules/lots.js";

export interface PointsSummary {
  balance: number;
  nextExpiry?: { at: Date; points: number };
  recent: PointEntry[];
  level?: string;
}

/** 积分: what a member may spend now, what expires next, the last entries, and their level. */
export async function readPoints(app: AppContext, input: { memberId: number; at: Date; recent?: number }): Promise<PointsSummary> {
  const lots = await readLots(app.db, input.memberId);
  const recent = await app.db.pointEntry.findMany({
    where: { memberId: input.memberId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: input.recent ?? 5,
  });
  const level = await app.db.memberLevel.findUnique({ where: { memberId: input.memberId } });
  return { balance: availablePoints(lots, input.at), nextExpiry: nextExpiry(lots, input.at), recent, level: level?.level };
}
