import type { AppContext } from "../../kernel/app-context.js";
import type { GroupBuy } from "../../kernel/db/client.js";
import type { OutgoingMessage } from "../../kernel/outbox/outgoing-message.js";
import { payLink } from "../flash-sales/index.js";
import { groupBuyTexts } from "./texts.js";

/** The private message to each member of a team that just filled: the order and its pay link. */
export function teamCompleteMessages(
  app: AppContext,
  groupBuy: GroupBuy,
  team: { id: number; number: number },
  members: ReadonlyArray<{ memberId: number; orderNo: string }>,
): OutgoingMessage[] {
  return members.map((m) => ({
    kind: "notice" as const,
    to: { memberId: m.memberId },
    text: groupBuyTexts.completed(
      groupBuy,
      `${groupBuy.id}-${team.number}`,
      m.orderNo,
      payLink(app.config.sales.payUrlTemplate, m.orderNo, groupBuy.priceCents),
    ),
    dedupeKey: `groupbuy:team:${team.id}:done:${m.memberId}`,
    campaign: `groupbuy:${groupBuy.id}`,
  }));
}

/** Records that a finished team's members were told (the sweep then leaves it alone). */
export async function markTeamsTold(app: AppContext, teamIds: readonly number[]): Promise<void> {
  if (teamIds.length)
    await app.db.groupBuyTeam.updateMany({ where: { id: { in: [...teamIds] }, toldAt: null }, data: { toldAt: app.clock.now() } });
}

/**
 * Tells the members of finished teams not yet told (`toldAt` unset) privately: a complete team its
 * orders, a failed one that nothing is charged; then marks them told. The deadline, a cancel and the sweep
 * all end here, so a crash between finishing a team and telling it is made good by the next run; the
 * dedupe keys (per team and member) make a repeat send nothing twice. Returns how many teams were told.
 */
export async function tellFinishedTeams(app: AppContext, filter: { groupBuyId?: number; limit?: number } = {}): Promise<number> {
  const teams = await app.db.groupBuyTeam.findMany({
    where: {
      toldAt: null,
      status: { in: ["complete", "failed"] },
      ...(filter.groupBuyId !== undefined ? { groupBuyId: filter.groupBuyId } : {}),
    },
    include: { groupBuy: true, seats: { select: { memberId: true } }, orders: { select: { memberId: true, orderNo: true } } },
    orderBy: { id: "asc" },
    take: filter.limit ?? 1000,
  });
  if (teams.length === 0) return 0;
  const messages = teams.flatMap((team): OutgoingMessage[] =>
    team.status === "complete"
      ? teamCompleteMessages(
          app,
          team.groupBuy,
          team,
          team.orders.flatMap((o) => (o.memberId === null ? [] : [{ memberId: o.memberId, orderNo: o.orderNo }])),
        )
      : team.seats.map((s) => ({
          kind: "notice" as const,
          to: { memberId: s.memberId },
          text: groupBuyTexts.failed(
            team.groupBuy,
            `${team.groupBuy.id}-${team.number}`,
            team.seats.length,
            team.groupBuy.status === "cancelled",
          ),
          dedupeKey: `groupbuy:team:${team.id}:failed:${s.memberId}`,
          campaign: `groupbuy:${team.groupBuy.id}`,
        })),
  );
  if (messages.length) await app.outbox.sendMany(messages);
  await markTeamsTold(
    app,
    teams.map((t) => t.id),
  );
  return teams.length;
}
