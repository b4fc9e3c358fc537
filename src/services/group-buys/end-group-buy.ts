import { groupBuyDeadlineJob, groupBuyDeadlineJobId } from "../../domain/jobs/group-buys.js";
import { groupBuyTexts } from "../../domain/sales/texts.js";
import { announceToRooms, type SalesApp } from "../flash-sales/flash-sale-support.js";

export type EndGroupBuyOutcome =
  | { kind: "ended"; completedTeams: number; failedTeams: number }
  | { kind: "skipped"; reason: "noSuchGroupBuy" | "moved" | "notActive" };

/**
 * The deadline (or an operator's cancel): incomplete teams fail, under the group-buy's lock so no join
 * slips in; their members are told privately (dedupe keys: once), nothing is charged.
 */
export async function endGroupBuy(app: SalesApp, input: { groupBuyId: number; at?: number; cancel?: boolean }): Promise<EndGroupBuyOutcome> {
  const result = await app.db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM group_buys WHERE id = ${input.groupBuyId} FOR UPDATE`;
    if (locked.length === 0) return { kind: "skipped" as const, reason: "noSuchGroupBuy" as const };
    const groupBuy = await tx.groupBuy.findUniqueOrThrow({ where: { id: input.groupBuyId } });
    if (input.at !== undefined && groupBuy.deadline.getTime() !== input.at) return { kind: "skipped" as const, reason: "moved" as const };
    if (groupBuy.status !== "scheduled") return { kind: "skipped" as const, reason: "notActive" as const };
    await tx.groupBuy.update({ where: { id: groupBuy.id }, data: { status: input.cancel ? "cancelled" : "ended" } });
    const failing = await tx.groupBuyTeam.findMany({ where: { groupBuyId: groupBuy.id, status: "open" }, include: { seats: true } });
    await tx.groupBuyTeam.updateMany({ where: { groupBuyId: groupBuy.id, status: "open" }, data: { status: "failed" } });
    const completedTeams = await tx.groupBuyTeam.count({ where: { groupBuyId: groupBuy.id, status: "complete" } });
    return { kind: "ended" as const, groupBuy, failing, completedTeams };
  }, { timeout: 30_000, maxWait: 30_000 });
  if (result.kind !== "ended") return result;
  const { groupBuy, failing, completedTeams } = result;
  const told = failing.flatMap((team) =>
    team.seats.map((s) => ({
      kind: "notice" as const,
      to: { memberId: s.memberId },
      text: groupBuyTexts.failed(groupBuy, `${groupBuy.id}-${team.number}`, team.seats.length, input.cancel === true),
      dedupeKey: `groupbuy:team:${team.id}:failed:${s.memberId}`,
      campaign: `groupbuy:${groupBuy.id}`,
    })),
  );
  if (told.length) await app.outbox.sendMany(told);
  if (input.cancel) {
    await app.jobs.remove(groupBuyDeadlineJob.id, groupBuyDeadlineJobId(groupBuy.id, groupBuy.deadline)).catch(() => undefined);
  }
  await announceToRooms(
    app,
    groupBuy.roomIds,
    input.cancel ? groupBuyTexts.cancelled(groupBuy) : groupBuyTexts.result(groupBuy, completedTeams, failing.length),
    `groupbuy:${groupBuy.id}:${input.cancel ? "cancelled" : "result"}`,
    `groupbuy:${groupBuy.id}`,
  );
  return { kind: "ended", completedTeams, failedTeams: failing.length };
}
