// The safety net under the group-buys' deadline jobs: a delayed job can be lost (Redis without
// persistence restarted, a queue obliterated by hand). What the database says is due is made to happen,
// through the same idempotent use cases the deadline job and a cancel call.
import type { AppContext } from "../../kernel/app-context.js";
import { wasAnnounced } from "../../kernel/outbox/announce-to-rooms.js";
import { endGroupBuy, groupBuyAnnouncementKey } from "./end-group-buy.js";
import { tellFinishedTeams } from "./tell-finished-teams.js";

export interface GroupBuySweepResult {
  groupBuysEnded: number;
  teamsTold: number;
  cancelsAnnounced: number;
}

/**
 * One pass: a cancel whose room announcement a crash lost is announced while it still matters (before
 * the deadline); group-buys past due end; finished teams nobody told are told. `graceMs` leaves alone
 * what the deadline jobs are about to do themselves.
 *
 * @example await sweepGroupBuys(app, { graceMs: 30_000 }) // { groupBuysEnded: 1, teamsTold: 1, cancelsAnnounced: 0 }
 */
export async function sweepGroupBuys(app: AppContext, options: { graceMs: number }): Promise<GroupBuySweepResult> {
  const now = app.clock.now().getTime();
  const due = new Date(now - options.graceMs);
  let cancelsAnnounced = 0;
  // A cancel re-run announces what is missing (and tells whatever team is untold).
  for (const g of await app.db.groupBuy.findMany({
    where: { status: "cancelled", deadline: { gt: new Date(now) } },
    select: { id: true, roomIds: true },
    orderBy: { id: "asc" },
  })) {
    if (await wasAnnounced(app, groupBuyAnnouncementKey(g.id, "cancelled"), g.roomIds)) continue;
    await endGroupBuy(app, { groupBuyId: g.id });
    cancelsAnnounced++;
  }
  const overdue = await app.db.groupBuy.findMany({
    where: { status: "scheduled", deadline: { lte: due } },
    select: { id: true, deadline: true },
    orderBy: { id: "asc" },
  });
  for (const g of overdue) await endGroupBuy(app, { groupBuyId: g.id, at: g.deadline.getTime() });
  const teamsTold = await tellFinishedTeams(app, { limit: 500 });
  return { groupBuysEnded: overdue.length, teamsTold, cancelsAnnounced };
}
