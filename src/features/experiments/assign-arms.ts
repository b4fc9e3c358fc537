import type { AppContext } from "../../kernel/app-context.js";
import type { Experiment } from "../../kernel/db/generated/client.js";
import { armFor, assignmentDraw } from "./rules/assignment.js";

/**
 * The arm of each member (stable: a hash of experiment and member), stored the first time; a member
 * assigned before keeps the stored arm. Returns member id → arm name or "holdout".
 */
export async function assignArms(
  app: AppContext,
  experiment: Experiment,
  memberIds: readonly number[],
  at: Date,
): Promise<Map<number, string>> {
  if (memberIds.length === 0) return new Map();
  await app.db.experimentAssignment.createMany({
    data: memberIds.map((memberId) => ({
      experimentId: experiment.id,
      memberId,
      arm: armFor(assignmentDraw(experiment.id, memberId), experiment.arms, experiment.holdoutShare),
      assignedAt: at,
    })),
    skipDuplicates: true,
  });
  const stored = await app.db.experimentAssignment.findMany({
    where: { experimentId: experiment.id, memberId: { in: [...memberIds] } },
    select: { memberId: true, arm: true },
  });
  return new Map(stored.map((s) => [s.memberId, s.arm]));
}
