// Who gets a new ticket: the member's dedicated agent; for the 高价值 layer one is chosen (round-robin over
// every agent) and kept; otherwise round-robin over the agents on duty; with none on duty, the owner.
import type { AppContext } from "../../kernel/app-context.js";
import { findOwner, isHighValue } from "./people.js";

export type Assignment = { agentId: number | null; how: "dedicated" | "roundRobin" | "owner" | "none"; highValue: boolean };

/**
 * The next agent in turn (the one assigned longest ago, never-assigned first), marked as just assigned.
 * The mark is a conditional update, so two tickets at once do not both take the same turn; it is at least
 * 1 ms after the latest mark, so the turn moves on under a frozen test clock too.
 */
export async function takeNextAgent(app: AppContext, options: { onDutyOnly: boolean }): Promise<number | null> {
  const where = options.onDutyOnly ? { onDuty: true } : {};
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = await app.db.serviceAgent.findFirst({
      where,
      orderBy: [{ lastAssignedAt: { sort: "asc", nulls: "first" } }, { memberId: "asc" }],
    });
    if (!next) return null;
    const latest = await app.db.serviceAgent.aggregate({ _max: { lastAssignedAt: true } });
    const stamp = new Date(Math.max(app.clock.now().getTime(), (latest._max.lastAssignedAt?.getTime() ?? 0) + 1));
    const taken = await app.db.serviceAgent.updateMany({
      where: { memberId: next.memberId, lastAssignedAt: next.lastAssignedAt },
      data: { lastAssignedAt: stamp },
    });
    if (taken.count === 1) return next.memberId;
  }
  return null;
}

export async function chooseAssignee(app: AppContext, memberId: number): Promise<Assignment> {
  const highValue = await isHighValue(app, memberId);
  const dedicated = await app.db.dedicatedAgent.findUnique({ where: { memberId } });
  if (dedicated) return { agentId: dedicated.agentId, how: "dedicated", highValue };
  if (highValue) {
    const agentId = await takeNextAgent(app, { onDutyOnly: false });
    if (agentId !== null) {
      // Kept: the member's dedicated agent from now on (shown by 专属, changed with 专属 @member @agent).
      await app.db.dedicatedAgent.upsert({ where: { memberId }, create: { memberId, agentId }, update: {} });
      const kept = await app.db.dedicatedAgent.findUniqueOrThrow({ where: { memberId } });
      return { agentId: kept.agentId, how: "dedicated", highValue };
    }
  }
  const agentId = await takeNextAgent(app, { onDutyOnly: true });
  if (agentId !== null) return { agentId, how: "roundRobin", highValue };
  const owner = await findOwner(app);
  return owner ? { agentId: owner.id, how: "owner", highValue } : { agentId: null, how: "none", highValue };
}
