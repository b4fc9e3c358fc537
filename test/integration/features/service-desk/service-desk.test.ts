// The service desk's use cases on real PostgreSQL and Redis, with a clock the test moves: round-robin
// and dedicated assignment, the pause that never applies to red, the marks run once however often they
// are run (a restart: a second app context over the same database and Redis), and the statistics on a
// set of tickets computed by hand.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allJobs } from "../../../../jobs/index.js";
import {
  handlePrivateChatter,
  openTicket,
  readTicketStats,
  runTicketStep,
  setDedicatedAgent,
  setDuty,
  sweepTickets,
  ticketTimerJob,
  ticketTimerJobId,
  waitOnTicket,
} from "../../../../src/features/service-desk/index.js";
import { type AppContext, createAppContext } from "../../../../src/kernel/app-context.js";
import type { Member } from "../../../../src/kernel/db/client.js";
import { createTestEnv, type TestEnv } from "../../../support/test-app.js";

const START = new Date("2026-12-02T02:00:00Z"); // 10:00 in Shanghai
const MIN = 60_000;

describe("the service desk", () => {
  let env: TestEnv;
  let app: AppContext;
  let now = START.getTime();
  const clock = { now: () => new Date(now) };
  let owner: Member;
  let agents: Member[];
  let seq = 0;

  const member = (name: string) => app.db.member.create({ data: { wechatId: `m-${name}-${seq++}`, name } });
  const deliveriesTo = (memberId: number, text: string) => app.db.delivery.count({ where: { memberId, text: { contains: text } } });

  beforeAll(async () => {
    env = await createTestEnv({ SERVICE_RESPONSE: "red=1h,yellow=4h,green=24h", TICKET_FOLLOWUP_AFTER: "24h" });
    app = createAppContext(env.config, { clock, jobs: allJobs });
    owner = await app.db.member.create({ data: { wechatId: env.config.ownerWechatId, name: "王老板" } });
    agents = [];
    for (const name of ["A", "B", "C"]) {
      const agent = await member(`agent${name}`);
      await app.db.operator.create({ data: { memberId: agent.id, role: "operator" } });
      agents.push(agent);
    }
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });
  beforeEach(async () => {
    now = START.getTime();
    await app.db.ticket.deleteMany();
    await app.db.serviceAgent.deleteMany();
    await app.db.dedicatedAgent.deleteMany();
  });

  it("spreads tickets round-robin over the agents on duty, skipping those off duty; the owner when none is", async () => {
    const [a, b, c] = agents as [Member, Member, Member];
    await setDuty(app, a, true);
    await setDuty(app, b, true);
    await setDuty(app, c, false);
    const assigned: Array<number | null> = [];
    for (let i = 0; i < 4; i++) {
      const outcome = await openTicket(app, { member: await member(`rr${i}`), text: "怎么用" });
      assigned.push(outcome.ticket.assigneeId);
    }
    expect(assigned).toEqual([a.id, b.id, a.id, b.id]);
    await setDuty(app, a, false);
    await setDuty(app, b, false);
    expect((await openTicket(app, { member: await member("late"), text: "你好" })).ticket.assigneeId).toBe(owner.id);
  });

  it("gives a member's tickets to their dedicated agent; a 高价值 member gets one kept, and a colour one step up", async () => {
    const [a, b] = agents as [Member, Member];
    await setDuty(app, a, true);
    const vip = await member("vip");
    await setDedicatedAgent(app, vip, { member: b, role: "operator" });
    expect((await openTicket(app, { member: vip, text: "你好" })).ticket).toMatchObject({ assigneeId: b.id, colour: "green" });

    const top = await member("top");
    await app.db.memberRfm.create({
      data: { memberId: top.id, orders: 12, monetaryCents: 300_000n, layer: "high_value", computedAt: START },
    });
    const first = await openTicket(app, { member: top, text: "怎么安装" });
    expect(first.ticket.colour).toBe("red");
    const kept = await app.db.dedicatedAgent.findUniqueOrThrow({ where: { memberId: top.id } });
    expect(first.ticket.assigneeId).toBe(kept.agentId);
  });

  it("keeps one open ticket per member: two requests at once are one ticket with both texts", async () => {
    const alice = await member("alice");
    const outcomes = await Promise.all([
      openTicket(app, { member: alice, text: "坏了" }),
      openTicket(app, { member: alice, text: "还漏水" }),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["alreadyOpen", "opened"]);
    expect(await app.db.ticket.count({ where: { memberId: alice.id } })).toBe(1);
    expect(await app.db.ticketMessage.count({ where: { ticket: { memberId: alice.id } } })).toBe(2);
  });

  it("runs each mark once: again, after a restart, or from the sweep, nothing is sent twice; a lost job is added again", async () => {
    const [a] = agents as [Member];
    await setDuty(app, a, true);
    const alice = await member("alice");
    const { ticket } = await openTicket(app, { member: alice, text: "我的牙刷坏了" });
    expect(ticket.colour).toBe("red");
    const at50 = START.getTime() + 30 * MIN;
    const step = { ticketId: ticket.id, cycle: 0, step: "warn50" as const, at: at50 };
    expect(await runTicketStep(app, step)).toBe("early");
    now = at50;
    expect(await runTicketStep(app, step)).toBe("sent");
    expect(await runTicketStep(app, step)).toBe("already");
    expect(await deliveriesTo(a.id, "已过响应时限的 50%")).toBe(1);

    // A restart: a new process over the same database and Redis, the delayed jobs lost.
    await app.jobs.queue(ticketTimerJob.id).obliterate({ force: true });
    const restarted = createAppContext(env.config, { clock, jobs: allJobs });
    try {
      expect(await runTicketStep(restarted, step)).toBe("already");
      expect(await sweepTickets(restarted, { graceMs: 30_000 })).toEqual({ marksRun: 0, followupsRun: 0 });
      expect(await deliveriesTo(a.id, "已过响应时限的 50%")).toBe(1);
      // The marks to come have their jobs again.
      const at80 = START.getTime() + 48 * MIN;
      expect(await restarted.jobs.queue(ticketTimerJob.id).getJob(ticketTimerJobId(ticket.id, 0, "warn80", at80))).toBeDefined();

      // Past the breach with every job lost: the sweep breaches once (the 80 % reminder, superseded, says nothing).
      now = START.getTime() + 61 * MIN;
      expect((await sweepTickets(restarted, { graceMs: 30_000 })).marksRun).toBe(2);
      expect(await sweepTickets(restarted, { graceMs: 30_000 })).toEqual({ marksRun: 0, followupsRun: 0 });
      expect(await deliveriesTo(a.id, "已过响应时限的 80%")).toBe(0);
      expect(await deliveriesTo(owner.id, `超时：工单 T${ticket.id}`)).toBe(1);
      expect(await deliveriesTo(a.id, `超时：工单 T${ticket.id}`)).toBe(1);
      expect((await app.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).breachedAt).toEqual(
        new Date(START.getTime() + 60 * MIN),
      );
    } finally {
      await restarted.close();
    }
  });

  it("never pauses a red ticket; a paused yellow one sends no mark, and resumes later when the member writes", async () => {
    const [a] = agents as [Member];
    await setDuty(app, a, true);
    const red = (await openTicket(app, { member: await member("r"), text: "投诉" })).ticket;
    expect(await waitOnTicket(app, red.id, { member: a, role: "operator" })).toEqual({ kind: "redNoPause" });

    const bob = await member("bob");
    const yellow = (await openTicket(app, { member: bob, text: "怎么安装" })).ticket;
    expect((await waitOnTicket(app, yellow.id, { member: a, role: "operator" })).kind).toBe("waiting");
    now = START.getTime() + 2 * 60 * MIN;
    expect(await runTicketStep(app, { ticketId: yellow.id, cycle: 0, step: "warn50", at: START.getTime() + 2 * 60 * MIN })).toBe("stale");
    // An hour paused, then bob writes: every mark an hour later.
    now = START.getTime() + 60 * MIN;
    await app.db.ticket.update({ where: { id: yellow.id }, data: { pausedAt: START } });
    const input = {
      messageId: "x1",
      talker: { wechatId: bob.wechatId, name: bob.name },
      text: "装好了但还漏",
      mentions: [],
      at: clock.now(),
    };
    expect(await handlePrivateChatter(app, { input, member: bob, role: "member" })).toBe("added");
    const resumed = await app.db.ticket.findUniqueOrThrow({ where: { id: yellow.id } });
    expect(resumed).toMatchObject({ status: "open", pausedAt: null, pausedMs: 60 * MIN });
    expect(resumed.responseDueAt).toEqual(new Date(START.getTime() + 5 * 60 * MIN));
  });

  it("computes the statistics of a hand-made set of tickets", async () => {
    const [a, b] = agents as [Member, Member];
    const m = await member("stats");
    const at = (minutes: number) => new Date(START.getTime() + minutes * MIN);
    const base = { memberId: m.id, text: "x", windowStartAt: START, responseDueAt: START, resolveDueAt: START };
    // Red: answered after 10, 30 and 50 minutes (p50 30, p90 50); one breached. Green: 120 minutes.
    await app.db.ticket.createMany({
      data: [
        {
          ...base,
          colour: "red",
          assigneeId: a.id,
          createdAt: START,
          firstRespondedAt: at(10),
          resolvedAt: at(60),
          followupAskedAt: at(100),
          rating: 5,
        },
        {
          ...base,
          colour: "red",
          assigneeId: a.id,
          createdAt: START,
          firstRespondedAt: at(30),
          resolvedAt: at(120),
          followupAskedAt: at(130),
          rating: 3,
        },
        {
          ...base,
          colour: "red",
          assigneeId: b.id,
          createdAt: START,
          firstRespondedAt: at(50),
          breachedAt: at(60),
          followupAskedAt: at(140),
        },
        {
          ...base,
          colour: "green",
          assigneeId: b.id,
          createdAt: START,
          firstRespondedAt: at(120),
          resolvedAt: at(240),
          followupAskedAt: at(300),
          rating: 1,
        },
        // Eight days ago: in the 30 days only.
        { ...base, colour: "yellow", assigneeId: a.id, createdAt: new Date(START.getTime() - 8 * 86_400_000) },
      ],
    });
    now = at(600).getTime();
    const [today, week, month] = await readTicketStats(app);
    expect(today!.stats).toMatchObject({
      opened: 4,
      openedByColour: { red: 3, yellow: 0, green: 1 },
      firstResponse: { red: { count: 3, p50: 30 * MIN, p90: 50 * MIN }, green: { count: 1, p50: 120 * MIN }, yellow: { count: 0 } },
      breached: 1,
      breachRate: 0.25,
      resolution: { count: 3, p50: 120 * MIN, p90: 240 * MIN },
      csat: 3,
      rated: 3,
      asked: 4,
      responseRate: 0.75,
    });
    expect(today!.stats.perAgent).toEqual([
      { agentId: a.id, tickets: 2, firstResponse: { count: 2, p50: 10 * MIN, p90: 30 * MIN }, breached: 0, csat: 4 },
      { agentId: b.id, tickets: 2, firstResponse: { count: 2, p50: 50 * MIN, p90: 120 * MIN }, breached: 1, csat: 1 },
    ]);
    expect(week!.stats.opened).toBe(4);
    expect(month!.stats.opened).toBe(5);
  });
});
