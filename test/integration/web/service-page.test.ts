// The console's 服务 page: tickets made through the service desk's use cases (opened, answered, resolved,
// breached by the sweep, rated), then the page shows the same figures as 工单 统计 for them, the open
// tickets by deadline, CSV with a BOM; a member without a role cannot open it.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueLoginCode } from "../../../src/features/console/index.js";
import {
  handlePrivateChatter,
  openTicket,
  replyToTicket,
  resolveTicket,
  setDuty,
  sweepTickets,
  ticketStatsText,
} from "../../../src/features/service-desk/index.js";
import { buildHttpServer } from "../../../src/http/server.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import type { Member } from "../../../src/kernel/db/client.js";
import { loginToConsole, postForm } from "../../support/console-session.js";
import { createTestApp } from "../../support/test-app.js";

const START = new Date("2026-12-02T02:00:00Z"); // 10:00 in Shanghai
const MIN = 60_000;

/** The text of the cells of the table row whose first cell is `label` (the page's markup is ours). */
function rowCells(body: string, label: string): string[] {
  const start = body.indexOf(`<tr><td>${label}</td>`);
  if (start < 0) return [];
  const row = body.slice(start, body.indexOf("</tr>", start));
  return row
    .split("<td>")
    .slice(1)
    .map((cell) => cell.slice(0, cell.indexOf("</td>")));
}

describe("the console's 服务 page", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let http: FastifyInstance;
  let now = START.getTime();
  const clock = { now: () => new Date(now) };
  let agents: Member[];
  let cookie: string;
  let plain: Member;

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ OWNER_WECHAT_ID: "boss", TICKET_FOLLOWUP_AFTER: "1h" }, clock));
    http = buildHttpServer(app);
    await app.db.member.create({ data: { wechatId: "boss", name: "王老板" } });
    agents = [];
    for (const name of ["客服小张", "客服小李"]) {
      const agent = await app.db.member.create({ data: { wechatId: name, name } });
      await app.db.operator.create({ data: { memberId: agent.id, role: "operator" } });
      await setDuty(app, agent, true);
      agents.push(agent);
    }
    plain = await app.db.member.create({ data: { wechatId: "plain", name: "普通会员" } });
    ({ cookie } = await loginToConsole(http, app, agents[0]!.id));

    const member = (name: string) => app.db.member.create({ data: { wechatId: `m-${name}`, name } });
    const agentOf = (assigneeId: number | null) => agents.find((a) => a.id === assigneeId)!;
    const [alice, bob, carol, dave] = [await member("alice"), await member("bob"), await member("carol"), await member("dave")];
    const red = (await openTicket(app, { member: alice, text: "我的牙刷坏了" })).ticket;
    const yellow = (await openTicket(app, { member: bob, text: "怎么安装" })).ticket;
    await openTicket(app, { member: carol, text: "你好" }); // green, never answered
    await openTicket(app, { member: dave, text: "投诉" }); // red, never answered: breached by the sweep
    now = START.getTime() + 20 * MIN;
    const redAgent = agentOf(red.assigneeId);
    expect((await replyToTicket(app, { ticketId: red.id, agent: redAgent, role: "operator", text: "换新" })).kind).toBe("replied");
    now = START.getTime() + 60 * MIN;
    expect((await resolveTicket(app, red.id, { member: redAgent, role: "operator" })).kind).not.toBe("notFound");
    now = START.getTime() + 90 * MIN;
    const yellowAgent = agentOf(yellow.assigneeId);
    await replyToTicket(app, { ticketId: yellow.id, agent: yellowAgent, role: "operator", text: "看说明书第 3 页" });
    now = START.getTime() + 3 * 60 * MIN;
    await sweepTickets(app, { graceMs: 30_000 });
    const asked = await app.db.ticket.findUniqueOrThrow({ where: { id: red.id } });
    expect(asked.followupAskedAt).not.toBeNull();
    // alice answers the follow-up privately with 5, as the router hands it over.
    const input = { messageId: "rate", talker: { wechatId: alice.wechatId, name: alice.name }, text: "5", mentions: [], at: clock.now() };
    await handlePrivateChatter(app, { input, member: alice, role: "member" });
    expect((await app.db.ticket.findUniqueOrThrow({ where: { id: red.id } })).rating).toBe(5);
  });
  afterAll(async () => {
    await http?.close();
    await cleanup?.();
  });

  it("shows the same figures as 工单 统计 for the same tickets", async () => {
    const chat = await ticketStatsText(app);
    const page = await http.inject({ method: "GET", url: "/console/service", headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("计算于");
    expect(page.body).toContain('href="/console/service" class="active"');

    // The hand-computed figures, the same on every period (all four tickets were opened today).
    const expected: Record<string, string> = {
      "新建 Opened": "4",
      新建·红: "2",
      新建·黄: "1",
      新建·绿: "1",
      首次响应·红: "p50 20分钟 / p90 20分钟",
      首次响应·黄: "p50 90分钟 / p90 90分钟",
      首次响应·绿: "—",
      "超时 Breached": "1（25%）",
      "解决用时 Resolution": "p50 1小时 / p90 1小时",
      "满意度 CSAT": "5/5",
      "回访回复率 Response rate": "1/1（100%）",
    };
    for (const [label, figure] of Object.entries(expected)) {
      const cells = rowCells(page.body, label);
      expect(cells.slice(1, 4), label).toEqual([figure, figure, figure]);
      expect(cells[4], label).toMatch(/[。）]$/); // its definition beside it
    }
    // The chat command says the same for today.
    const today = chat.split("【7天】")[0]!;
    expect(today).toContain("新建 4（红 2 · 黄 1 · 绿 1）");
    expect(today).toContain(`红 ${expected["首次响应·红"]}；黄 ${expected["首次响应·黄"]}；绿 —`);
    expect(today).toContain(`超时 1（25%）；解决用时 ${expected["解决用时 Resolution"]}`);
    expect(today).toContain("满意度 5/5（1/1 回访有评分，100%）");
    // Per agent: each agent's chat line has the figures of its page row.
    for (const agent of agents) {
      const start = page.body.indexOf(`<tr><td>今天</td><td>${agent.name}</td>`);
      expect(start, agent.name).toBeGreaterThan(0);
      const row = rowCells(page.body.slice(start), "今天");
      expect(today).toContain(`${agent.name}：${row[2]} 单，首响 ${row[3]}，超时 ${row[4]}，满意度 ${row[5]}`);
    }
  });

  it("lists the open tickets by deadline with colour and status", async () => {
    const page = await http.inject({ method: "GET", url: "/console/service", headers: { cookie } });
    const open = await app.db.ticket.findMany({ where: { status: { in: ["open", "waiting"] } }, orderBy: { responseDueAt: "asc" } });
    expect(open.map((t) => t.colour)).toEqual(["red", "yellow", "green"]); // dave's red first, then bob's, then carol's
    const positions = open.map((t) => page.body.indexOf(`<tr><td>T${t.id}</td>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(rowCells(page.body, `T${open[0]!.id}`).slice(1, 4)).toEqual(["红", "处理中", "已超时"]);
    expect(rowCells(page.body, `T${open[1]!.id}`).slice(1, 4)).toEqual(["黄", "处理中", "已响应"]);
    expect(rowCells(page.body, `T${open[2]!.id}`).slice(1, 4)).toEqual(["绿", "处理中", "待回复"]);
  });

  it("exports each table as CSV with a BOM", async () => {
    for (const url of ["/console/export/service.csv", "/console/export/service-agents.csv", "/console/export/service-tickets.csv"]) {
      const csv = await http.inject({ method: "GET", url, headers: { cookie } });
      expect(csv.statusCode, url).toBe(200);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(csv.body.charCodeAt(0), url).toBe(0xfeff);
    }
    const metrics = await http.inject({ method: "GET", url: "/console/export/service.csv", headers: { cookie } });
    expect(metrics.body).toContain("首次响应·红,p50 20分钟 / p90 20分钟,p50 20分钟 / p90 20分钟,p50 20分钟 / p90 20分钟,");
  });

  it("is not for a member without a role", async () => {
    const anonymous = await http.inject({ method: "GET", url: "/console/service" });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/console/login");
    const { code } = await issueLoginCode(app, plain.id);
    const refused = await postForm(http, "/console/login", { code });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["set-cookie"]).toBeUndefined();
    // An operator whose role is taken away: the session opens nothing any more.
    const second = await loginToConsole(http, app, agents[1]!.id);
    expect((await http.inject({ method: "GET", url: "/console/service", headers: { cookie: second.cookie } })).statusCode).toBe(200);
    await app.db.operator.delete({ where: { memberId: agents[1]!.id } });
    const after = await http.inject({ method: "GET", url: "/console/service", headers: { cookie: second.cookie } });
    expect(after.statusCode).toBe(303);
    expect(await http.inject({ method: "GET", url: "/console/export/service.csv", headers: { cookie: second.cookie } })).toMatchObject({
      statusCode: 303,
    });
  });
});
