import type { AppContext } from "../../kernel/app-context.js";
import { newOrderNo } from "../../kernel/codes/order-number.js";
import { scopedKey } from "../../kernel/context-scope.js";
import type { GroupBuy } from "../../kernel/db/client.js";
import { notFound } from "../../kernel/outcomes.js";
import type { JoinGroupBuyOutcome, TeamChoice } from "./join-outcome.js";
import { markTeamsTold, teamCompleteMessages } from "./tell-finished-teams.js";
import { chainList } from "./texts.js";

interface JoinRequest {
  groupBuyId: number;
  memberId: number;
  roomId?: number;
  choice: TeamChoice;
  resolve(row: JoinRow): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 100;

/**
 * Joins issued in the same turn of the event loop go to the database together: one call of
 * group_buy_join_many per group-buy, one transaction, one commit. Under the group-buy's lock the commit's
 * WAL flush is the cost, so sharing it is what makes serialised joins fast.
 */
class JoinBatcher {
  private readonly queues = new Map<number, JoinRequest[]>();
  // Product, price and team size never change after creation: one read per group-buy per process.
  private readonly groupBuys = new Map<number, GroupBuy>();

  async groupBuy(id: number): Promise<GroupBuy> {
    const found = this.groupBuys.get(id) ?? (await this.app.db.groupBuy.findUniqueOrThrow({ where: { id } }));
    this.groupBuys.set(id, found);
    return found;
  }
  private scheduled = false;

  constructor(private readonly app: AppContext) {}

  join(input: Omit<JoinRequest, "resolve" | "reject">): Promise<JoinRow> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(input.groupBuyId) ?? [];
      this.queues.set(input.groupBuyId, queue);
      queue.push({ ...input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queues = [...this.queues];
    this.queues.clear();
    for (const [groupBuyId, all] of queues) {
      for (let from = 0; from < all.length; from += MAX_BATCH) void this.send(groupBuyId, all.slice(from, from + MAX_BATCH));
    }
  }

  private async send(groupBuyId: number, batch: JoinRequest[]): Promise<void> {
    try {
      const now = this.app.clock.now();
      const orderNos = batch.flatMap(() => Array.from({ length: 50 }, () => newOrderNo("G")));
      const rows = await this.app.db.$queryRaw<Array<JoinRow & { o_index: number }>>`
        SELECT * FROM group_buy_join_many(${groupBuyId}::int, ${batch.map((r) => r.memberId)}::int[], ${batch.map((r) => r.roomId ?? null)}::int[],
          ${batch.map((r) => r.choice.kind)}::text[], ${batch.map((r) => (r.choice.kind === "team" ? r.choice.number : null))}::int[], ${now}::timestamptz, ${orderNos}::text[])`;
      const byIndex = new Map(rows.map((r) => [r.o_index, r]));
      batch.forEach((r, i) => {
        const row = byIndex.get(i + 1);
        if (row) r.resolve(row);
        else r.reject(new Error("group_buy_join_many returned no row"));
      });
    } catch (error) {
      for (const r of batch) r.reject(error);
    }
  }
}

/** This context's batcher (one per database connection: it groups the joins issued in one tick). */
const JOIN_BATCHER = scopedKey("group-buy-join-batcher", (app: AppContext) => new JoinBatcher(app));

interface JoinRow {
  /** group_buy_join's word for each outcome; the database says `noSuchGroupBuy` where we say `notFound`. */
  o_outcome: Exclude<JoinGroupBuyOutcome["kind"], "notFound"> | "noSuchGroupBuy";
  o_team_id: number | null;
  o_team_number: number | null;
  o_seat: number | null;
  o_completed: boolean;
  o_limit: number | null;
  o_names: string[] | null;
  o_member_ids: number[] | null;
  o_order_nos: string[] | null;
}

/**
 * A member joins a group-buy. The decision is made by the database function group_buy_join
 * (migration group_buy_join_function), called in batches (group_buy_join_many): it takes the group-buy's row lock (SELECT … FOR UPDATE), so joins
 * of one group-buy are serialised across every process, for microseconds: a team never exceeds its
 * size and a member never exceeds the limit ((team, seat) and (team, member) are unique besides). A team
 * that fills completes in the same statement, with one order per member.
 * The outcome carries the team's 接龙 list as of this join, the room's answer (the 参团 handler posts it,
 * through the reply digest: in a burst one list follows the names); on completion every member is told
 * privately.
 */
export async function joinGroupBuy(
  app: AppContext,
  input: { groupBuyId: number; memberId: number; roomId?: number; choice: TeamChoice },
): Promise<JoinGroupBuyOutcome> {
  const row = await app.scoped(JOIN_BATCHER).join(input);
  switch (row.o_outcome) {
    case "joined":
      break;
    case "noSuchGroupBuy":
      return notFound;
    case "limitReached":
      return { kind: "limitReached", limit: row.o_limit! };
    case "noSuchTeam":
    case "teamClosed":
    case "alreadyInTeam":
      return { kind: row.o_outcome, number: row.o_team_number! };
    default:
      return { kind: row.o_outcome };
  }
  const teamId = row.o_team_id!;
  const seat = row.o_seat!;
  const groupBuy = await app.scoped(JOIN_BATCHER).groupBuy(input.groupBuyId);
  const memberIds = row.o_member_ids ?? [];
  const decided = {
    groupBuy,
    teamId,
    teamNumber: row.o_team_number!,
    seat,
    completed: row.o_completed,
    members: memberIds.map((memberId, i) => ({ memberId, name: row.o_names?.[i] ?? "?", orderNo: row.o_order_nos?.[i] })),
  };

  const { members } = decided;
  const chain = chainList({
    groupBuyId: groupBuy.id,
    number: decided.teamNumber,
    product: groupBuy.product,
    priceCents: groupBuy.priceCents,
    teamSize: groupBuy.teamSize,
    members: members.map((m) => m.name),
  });
  if (decided.completed) {
    // If this process dies before the mark, the sweep tells the team (same dedupe keys: once).
    await app.outbox.sendMany(
      teamCompleteMessages(
        app,
        groupBuy,
        { id: teamId, number: decided.teamNumber },
        members.map((m) => ({ memberId: m.memberId, orderNo: m.orderNo! })),
      ),
    );
    await markTeamsTold(app, [teamId]);
  }
  return { kind: "joined", teamNumber: decided.teamNumber, seat: decided.seat, completed: decided.completed, chain };
}

/** The group-buys open in a room, oldest first: what a bare 参团/开团 may mean. */
export async function openGroupBuysIn(app: AppContext, roomId: number): Promise<Array<{ id: number; product: string }>> {
  return app.db.groupBuy.findMany({
    where: { status: "scheduled", deadline: { gt: app.clock.now() }, roomIds: { has: roomId } },
    select: { id: true, product: true },
    orderBy: { id: "asc" },
  });
}
