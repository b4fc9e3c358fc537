// Flash sale: 20,000 grab attempts from 5,000 distinct members against stock 1,000, from 4 processes.
// The Redis Lua gate must end with exactly 1,000 orders, ≤ 1 per member (asserted); the naive gate
// ("read stock, then insert order" in one READ COMMITTED transaction) runs the same load for comparison.

import { FLASH_GATE } from "../../src/features/flash-sales/flash-gate.js";
import { createFlashSale } from "../../src/features/flash-sales/index.js";
import { createBenchEnv, runWorkers, shuffled, summarise } from "./sales-bench-support.js";

const MEMBERS = 5_000;
const PROCESSES = 4;
const STOCK = 1_000;
const CONCURRENCY = 64;

export default async function () {
  const bench = await createBenchEnv();
  const { app } = bench;
  try {
    const room = await app.db.room.create({ data: { wechatRoomId: "bench@chatroom", topic: "压测群" } });
    await app.db.member.createMany({ data: Array.from({ length: MEMBERS }, (_, i) => ({ wechatId: `b${i}`, name: `B${i}` })) });
    const memberIds = (await app.db.member.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((m) => m.id);
    const now = app.clock.now().getTime();
    const draft = {
      product: "压测商品",
      priceCents: 100,
      stock: STOCK,
      perMemberLimit: 1,
      startsAt: new Date(now),
      endsAt: new Date(now + 3_600_000),
      allRooms: false,
    };
    const sale = async () => {
      const created = await createFlashSale(app, { draft, createdById: memberIds[0]!, roomId: room.id });
      if (created.kind !== "created") throw new Error(created.kind);
      return created.sale;
    };

    // ── the Redis Lua gate ──
    const warmup = await sale();
    const gateSale = await sale();
    const gate = summarise(
      await runWorkers(
        bench.env,
        Array.from({ length: PROCESSES }, (_, p) => ({
          mode: "gate" as const,
          saleId: gateSale.id,
          roomId: room.id,
          stock: STOCK,
          memberIds: shuffled(memberIds, p + 1),
          concurrency: CONCURRENCY,
          warmupSaleId: warmup.id,
        })),
      ),
    );
    const orders = await app.db.order.findMany({ where: { flashSaleId: gateSale.id }, select: { memberId: true } });
    const perMember = new Map<number, number>();
    for (const o of orders) perMember.set(o.memberId!, (perMember.get(o.memberId!) ?? 0) + 1);
    const overLimit = [...perMember.values()].filter((n) => n > 1).length;
    const left = await app.scoped(FLASH_GATE).left(gateSale.id);
    const pending = (await app.scoped(FLASH_GATE).pending(gateSale.id)).length;

    // ── the naive gate ──
    const naiveWarmup = await sale();
    const naiveSale = await sale();
    const naive = summarise(
      await runWorkers(
        bench.env,
        Array.from({ length: PROCESSES }, (_, p) => ({
          mode: "naive" as const,
          saleId: naiveSale.id,
          roomId: room.id,
          stock: STOCK,
          memberIds: shuffled(memberIds, p + 1),
          concurrency: CONCURRENCY,
          warmupSaleId: naiveWarmup.id,
        })),
      ),
    );
    const naiveOrders = await app.db.order.findMany({ where: { flashSaleId: naiveSale.id }, select: { memberId: true } });
    const naiveMembers = new Map<number, number>();
    for (const o of naiveOrders) naiveMembers.set(o.memberId!, (naiveMembers.get(o.memberId!) ?? 0) + 1);

    const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
    const out = [
      `load: ${fmt(gate.attempts)} grab attempts, ${fmt(MEMBERS)} members, stock ${fmt(STOCK)}, ${PROCESSES} processes × ${CONCURRENCY} in flight`,
      `redis lua gate: ${fmt(gate.perSecond)} decisions/s (${gate.seconds.toFixed(2)} s), p50 ${gate.p50.toFixed(2)} ms, p99 ${gate.p99.toFixed(2)} ms, all orders durable after ${fmt(gate.durableMs)} ms`,
      `  orders ${orders.length}, oversold ${Math.max(orders.length - STOCK, 0)}, members over limit ${overLimit}, stock left in gate ${left}, pending wins ${pending}; outcomes ${JSON.stringify(gate.outcomes)}`,
      `naive gate (read stock, then insert, READ COMMITTED): ${fmt(naive.perSecond)} decisions/s (${naive.seconds.toFixed(2)} s), p50 ${naive.p50.toFixed(2)} ms, p99 ${naive.p99.toFixed(2)} ms`,
      `  orders ${naiveOrders.length}, oversold ${Math.max(naiveOrders.length - STOCK, 0)}, members over limit ${[...naiveMembers.values()].filter((n) => n > 1).length}; outcomes ${JSON.stringify(naive.outcomes)}`,
      `ratio: ${(gate.perSecond / naive.perSecond).toFixed(1)}× the naive gate's decisions/s`,
    ];
    process.stdout.write(`${out.join("\n")}\n`);

    if (orders.length !== STOCK) throw new Error(`expected exactly ${STOCK} orders, got ${orders.length}`);
    if (overLimit > 0) throw new Error(`${overLimit} members have more than 1 order`);
    if (left !== 0) throw new Error(`gate has ${left} left, expected 0`);
    if (pending !== 0) throw new Error(`${pending} wins never written`);
  } finally {
    await bench.cleanup();
  }
}
