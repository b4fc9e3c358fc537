import type { AppContext } from "../../kernel/app-context.js";
import { announceToRooms } from "../../kernel/outbox/announce-to-rooms.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { RESULT_VALID_MS } from "../flash-sales/index.js";
import { groupBuyDeadlineJob, groupBuyDeadlineJobId } from "./jobs.js";
import { tellFinishedTeams } from "./tell-finished-teams.js";
import { groupBuyTexts } from "./texts.js";

// A group-buy's members hear their team's fate privately at the deadline; the room's result is still news
// the next morning, so it outlasts a night of quiet hours (22:00–08:00 is 10 h). A cancel's announcement
// is worth what a flash sale's result is (RESULT_VALID_MS).
export const GROUP_BUY_RESULT_VALID_MS = 14 * 3_600_000;

export type EndGroupBuyOutcome =
  | { kind: "ended"; completedTeams: number; failedTeams: number }
  | { kind: "skipped"; reason: "moved" | "notActive" }
  | NotFound;

export const groupBuyAnnouncementKey = (groupBuyId: number, what: "cancelled" | "result") => `groupbuy:${groupBuyId}:${what}`;

/**
 * The deadline (or an operator's cancel): incomplete teams fail, under the group-buy's lock so no join
 * slips in; their members are told privately, nothing is charged. Complete teams keep their orders, and a
 * cancel says so. Run again on one that is over (a retry after a crash), it finishes whatever telling and
 * announcing is missing (dedupe keys: once each) and answers notActive.
 */
export async function endGroupBuy(
  app: AppContext,
  input: { groupBuyId: number; at?: number; cancel?: boolean },
): Promise<EndGroupBuyOutcome> {
  const result = await app.db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM group_buys WHERE id = ${input.groupBuyId} FOR UPDATE`;
      if (locked.length === 0) return notFound;
      let groupBuy = await tx.groupBuy.findUniqueOrThrow({ where: { id: input.groupBuyId } });
      if (input.at !== undefined && groupBuy.deadline.getTime() !== input.at) return { kind: "skipped" as const, reason: "moved" as const };
      const fresh = groupBuy.status === "scheduled";
      if (fresh) {
        groupBuy = await tx.groupBuy.update({ where: { id: groupBuy.id }, data: { status: input.cancel ? "cancelled" : "ended" } });
        await tx.groupBuyTeam.updateMany({ where: { groupBuyId: groupBuy.id, status: "open" }, data: { status: "failed" } });
      }
      const counts = await tx.groupBuyTeam.groupBy({ by: ["status"], where: { groupBuyId: groupBuy.id }, _count: { _all: true } });
      const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
      return { kind: "locked" as const, fresh, groupBuy, completedTeams: count("complete"), failedTeams: count("failed") };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (result.kind !== "locked") return result;
  const { groupBuy, completedTeams, failedTeams } = result;
  await tellFinishedTeams(app, { groupBuyId: groupBuy.id });
  const cancelled = groupBuy.status === "cancelled";
  if (cancelled) {
    await app.jobs.remove(groupBuyDeadlineJob.id, groupBuyDeadlineJobId(groupBuy.id, groupBuy.deadline)).catch(() => undefined);
  }
  await announceToRooms(app, groupBuy.roomIds, {
    text: cancelled
      ? groupBuyTexts.cancelled(groupBuy, completedTeams, failedTeams)
      : groupBuyTexts.result(groupBuy, completedTeams, failedTeams),
    dedupe: groupBuyAnnouncementKey(groupBuy.id, cancelled ? "cancelled" : "result"),
    campaign: `groupbuy:${groupBuy.id}`,
    validUntil: cancelled
      ? new Date(app.clock.now().getTime() + RESULT_VALID_MS)
      : new Date(groupBuy.deadline.getTime() + GROUP_BUY_RESULT_VALID_MS),
  });
  return result.fresh ? { kind: "ended", completedTeams, failedTeams } : { kind: "skipped", reason: "notActive" };
}
