// Group-buy: 10,000 joins into one group-buy with teams of 5, from 4 processes. No team may exceed 5
// and no member may be seated twice (asserted); joins/s and latency are printed.
import { createGroupBuy } from "../../src/features/group-buys/index.js";
import { createBenchEnv, runWorkers, summarise } from "./sales-bench-support.js";

const JOINS = 10_000;
const PROCESSES = 4;
const TEAM = 5;
const CONCURRENCY = 32;

export default async function () {
  const bench = await createBenchEnv();
  const { app } = bench;
  try {
    const room = await app.db.room.create({ data: { wechatRoomId: "bench@chatroom", topic: "压测群" } });
    await app.db.member.createMany({ data: Array.from({ length: JOINS }, (_, i) => ({ wechatId: `g${i}`, name: `G${i}` })) });
    const memberIds = (await app.db.member.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((m) => m.id);
    const groupBuy = async () => {
      const created = await createGroupBuy(app, {
        draft: {
          product: "压测大米",
          priceCents: 3900,
          teamSize: TEAM,
          perMemberLimit: 1,
          deadline: new Date(app.clock.now().getTime() + 3_600_000),
          allRooms: false,
        },
        createdById: memberIds[0]!,
        roomId: room.id,
      });
      if (created.kind !== "created") throw new Error(created.kind);
      return created.groupBuy;
    };
    const warmup = await groupBuy();
    const g = await groupBuy();
    // Each process gets its own quarter of the members, plus 250 of another quarter's (who must be refused).
    const quarter = JOINS / PROCESSES;
    const result = summarise(
      await runWorkers(
        bench.env,
        Array.from({ length: PROCESSES }, (_, p) => ({
          mode: "join" as const,
          saleId: g.id,
          roomId: room.id,
          stock: 0,
          memberIds: [
            ...memberIds.slice(p * quarter, (p + 1) * quarter),
            ...memberIds.slice(((p + 1) % PROCESSES) * quarter, ((p + 1) % PROCESSES) * quarter + 250),
          ],
          concurrency: CONCURRENCY,
          warmupSaleId: warmup.id,
        })),
      ),
    );
    const teams = await app.db.groupBuyTeam.findMany({ where: { groupBuyId: g.id }, include: { _count: { select: { seats: true } } } });
    const overfull = teams.filter((t) => t._count.seats > TEAM).length;
    const seats = await app.db.groupBuySeat.findMany({ where: { groupBuyId: g.id }, select: { memberId: true } });
    const twice = seats.length - new Set(seats.map((s) => s.memberId)).size;
    const complete = teams.filter((t) => t.status === "complete").length;
    const orders = await app.db.order.count({ where: { source: "group_buy", groupBuyTeam: { groupBuyId: g.id } } });
    const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
    process.stdout.write(
      `${[
        `load: ${fmt(result.attempts)} join attempts (${fmt(JOINS)} members + 1,000 repeats), teams of ${TEAM}, ${PROCESSES} processes × ${CONCURRENCY} in flight`,
        `joins: ${fmt(result.attempts / result.seconds)} attempts/s, ${fmt(seats.length / result.seconds)} seated joins/s (${result.seconds.toFixed(2)} s), p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`,
        `  seats ${seats.length}, teams ${teams.length} (complete ${complete}), teams over ${TEAM}: ${overfull}, members seated twice: ${twice}, orders ${orders}; outcomes ${JSON.stringify(result.outcomes)}`,
      ].join("\n")}\n`,
    );
    if (overfull > 0) throw new Error(`${overfull} teams have more than ${TEAM} members`);
    if (twice > 0) throw new Error(`${twice} members were seated twice`);
    if (seats.length !== JOINS) throw new Error(`expected ${JOINS} seats, got ${seats.length}`);
    if (complete !== JOINS / TEAM || orders !== JOINS)
      throw new Error(`expected ${JOINS / TEAM} complete teams and ${JOINS} orders, got ${complete} and ${orders}`);
  } finally {
    await bench.cleanup();
  }
}
