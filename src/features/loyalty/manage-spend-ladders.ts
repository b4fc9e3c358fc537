import type { AppContext } from "../../kernel/app-context.js";
import type { SpendLadder } from "../../kernel/db/generated/client.js";
import type { LadderDraft } from "./rules/ladder-args.js";

export type Rung = { cents: number; reward: string };
export const rungsOf = (ladder: SpendLadder): Rung[] => ladder.rungs as Rung[];

/** 阶梯 新增: a ladder by name (a name in use is refused). */
export async function createSpendLadder(
  app: AppContext,
  draft: LadderDraft,
): Promise<{ kind: "created"; ladder: SpendLadder } | { kind: "nameTaken" }> {
  const created = await app.db.spendLadder.createManyAndReturn({
    data: [{ name: draft.name, startsAt: draft.startsAt, endsAt: draft.endsAt, rungs: draft.rungs }],
    skipDuplicates: true,
  });
  return created[0] ? { kind: "created", ladder: created[0] } : { kind: "nameTaken" };
}

/** 阶梯: ladders not yet over, with how many members each rung was granted to (not reversed). */
export async function listSpendLadders(app: AppContext, input: { at: Date }) {
  const ladders = await app.db.spendLadder.findMany({ where: { endsAt: { gte: input.at } }, orderBy: { startsAt: "asc" } });
  const grants = await app.db.ladderGrant.groupBy({
    by: ["ladderId", "rungCents"],
    where: { ladderId: { in: ladders.map((l) => l.id) }, reversedAt: null },
    _count: { _all: true },
  });
  return ladders.map((ladder) => ({
    ladder,
    rungs: rungsOf(ladder).map((r) => ({
      ...r,
      granted: grants.find((g) => g.ladderId === ladder.id && g.rungCents === r.cents)?._count._all ?? 0,
    })),
  }));
}
