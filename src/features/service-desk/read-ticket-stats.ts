// 工单 统计: the figures for today, 7 days and 30 days (tickets opened in each), per colour and per agent.
import type { AppContext } from "../../kernel/app-context.js";
import { startOfLocalDay } from "../../kernel/time/zone.js";
import { namesOf } from "./people.js";
import { computeTicketStats, type TicketStats } from "./rules/ticket-stats.js";
import { serviceTexts as texts } from "./texts.js";

const DAY_MS = 86_400_000;

export async function readTicketStats(app: AppContext): Promise<Array<{ label: string; stats: TicketStats }>> {
  const now = app.clock.now();
  const today = startOfLocalDay(now, app.config.timeZone);
  const periods = [
    { label: "今天", since: today },
    { label: "7天", since: new Date(today.getTime() - 6 * DAY_MS) },
    { label: "30天", since: new Date(today.getTime() - 29 * DAY_MS) },
  ];
  const tickets = await app.db.ticket.findMany({
    where: { createdAt: { gte: periods[2]!.since } },
    select: {
      colour: true,
      assigneeId: true,
      createdAt: true,
      firstRespondedAt: true,
      breachedAt: true,
      resolvedAt: true,
      followupAskedAt: true,
      rating: true,
    },
  });
  return periods.map(({ label, since }) => ({ label, stats: computeTicketStats(tickets.filter((t) => t.createdAt >= since)) }));
}

export async function ticketStatsText(app: AppContext): Promise<string> {
  const periods = await readTicketStats(app);
  const names = await namesOf(
    app,
    periods.flatMap((p) => p.stats.perAgent.map((a) => a.agentId)),
  );
  return texts.stats(periods, (id) => names.get(id) ?? `#${id}`);
}
