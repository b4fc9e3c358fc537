// The service desk's figures (工单 统计), from one definition for chat and a future console page. Pure.
import { COLOURS, type Colour } from "./colour.js";

/** What the statistics read of a ticket. */
export interface TicketFacts {
  colour: Colour;
  assigneeId: number | null;
  createdAt: Date;
  firstRespondedAt: Date | null;
  breachedAt: Date | null;
  resolvedAt: Date | null;
  followupAskedAt: Date | null;
  rating: number | null;
}

export interface Spread {
  count: number;
  p50?: number;
  p90?: number;
}

export interface AgentStats {
  agentId: number;
  tickets: number;
  firstResponse: Spread;
  breached: number;
  csat?: number;
}

export interface TicketStats {
  opened: number;
  openedByColour: Record<Colour, number>;
  /** Ms from opening to the first answer, per colour (answered tickets only). */
  firstResponse: Record<Colour, Spread>;
  breached: number;
  /** breached / opened; undefined when nothing opened. */
  breachRate?: number;
  /** Ms from opening to resolution (resolved tickets only). */
  resolution: Spread;
  /** Average rating 1–5 of the rated tickets. */
  csat?: number;
  rated: number;
  asked: number;
  /** rated / asked (follow-ups answered). */
  responseRate?: number;
  perAgent: AgentStats[];
}

/**
 * The nearest-rank percentile: the smallest value with at least p % of the values at or below it.
 *
 * @example percentile([10, 20, 30, 40], 50) // 20
 * @example percentile([10, 20, 30, 40], 90) // 40
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function spread(values: readonly number[]): Spread {
  return { count: values.length, p50: percentile(values, 50), p90: percentile(values, 90) };
}

const average = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined);

const firstResponseMs = (t: TicketFacts) => (t.firstRespondedAt ? t.firstRespondedAt.getTime() - t.createdAt.getTime() : undefined);

/**
 * The figures of the tickets opened in a period (the caller picks them by createdAt).
 *
 * @example computeTicketStats([]).opened // 0
 */
export function computeTicketStats(tickets: readonly TicketFacts[]): TicketStats {
  const openedByColour = Object.fromEntries(COLOURS.map((c) => [c, tickets.filter((t) => t.colour === c).length])) as Record<
    Colour,
    number
  >;
  const firstResponse = Object.fromEntries(
    COLOURS.map((c) => [c, spread(tickets.filter((t) => t.colour === c).flatMap((t) => firstResponseMs(t) ?? []))]),
  ) as Record<Colour, Spread>;
  const breached = tickets.filter((t) => t.breachedAt).length;
  const resolution = spread(tickets.flatMap((t) => (t.resolvedAt ? [t.resolvedAt.getTime() - t.createdAt.getTime()] : [])));
  const ratings = tickets.flatMap((t) => (t.rating === null ? [] : [t.rating]));
  const asked = tickets.filter((t) => t.followupAskedAt).length;
  const agents = [...new Set(tickets.flatMap((t) => (t.assigneeId === null ? [] : [t.assigneeId])))].sort((a, b) => a - b);
  const perAgent = agents.map((agentId) => {
    const theirs = tickets.filter((t) => t.assigneeId === agentId);
    return {
      agentId,
      tickets: theirs.length,
      firstResponse: spread(theirs.flatMap((t) => firstResponseMs(t) ?? [])),
      breached: theirs.filter((t) => t.breachedAt).length,
      csat: average(theirs.flatMap((t) => (t.rating === null ? [] : [t.rating]))),
    };
  });
  return {
    opened: tickets.length,
    openedByColour,
    firstResponse,
    breached,
    breachRate: tickets.length ? breached / tickets.length : undefined,
    resolution,
    csat: average(ratings),
    rated: ratings.length,
    asked,
    responseRate: asked ? ratings.length / asked : undefined,
    perAgent,
  };
}
