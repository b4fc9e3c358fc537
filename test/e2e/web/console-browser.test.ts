// The console in a real browser (Debian's chromium via playwright-core): the owner types 后台 in the
// mock WeChat, gets the link through the outbox, opens it, sees the overview whose GMV and order count
// equal the database's (and 看板's in chat), opens a push's funnel, exports the campaigns as CSV, pauses
// the push; every page is saved as a screenshot under test-output/console-screenshots/.
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshConsoleRollups } from "../../../src/features/console/index.js";
import { buildHttpServer } from "../../../src/http/server.js";
import { startOfLocalDay } from "../../../src/kernel/time/zone.js";
import { freePort, launchChromium, screenshotPath } from "../../support/browser.js";
import { startTestBot, type TestBot } from "../../support/test-bot.js";

const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "carol"] }] };

describe("the console in a browser", () => {
  let t: TestBot;
  let http: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let pushId: number;

  beforeAll(async () => {
    const port = await freePort();
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100", HTTP_PORT: String(port), QUIET_HOURS: "off" });
    http = buildHttpServer(t.app);
    await http.listen({ port, host: "127.0.0.1" });
    const db = t.app.db;
    const members = await db.member.findMany({ where: { wechatId: { in: ["alice", "bob", "carol"] } }, orderBy: { wechatId: "asc" } });
    const now = t.app.clock.now();
    let n = 0;
    for (const [i, amount] of [25_900, 9_900, 12_345].entries()) {
      await db.order.create({
        data: {
          orderNo: `E2E${++n}`,
          source: "shop",
          status: "paid",
          memberId: members[i]!.id,
          amountCents: amount,
          placedAt: now,
          paidAt: new Date(now.getTime() - 60_000),
        },
      });
    }
    await db.order.create({
      data: { orderNo: "E2E-pending", source: "shop", status: "pending", memberId: members[0]!.id, amountCents: 99_900 },
    });
    const push = await db.push.create({
      data: {
        audience: "members",
        expression: "标签:老客",
        variants: ["冬季新品上市，老客专享"],
        status: "scheduled",
        audienceCount: 3,
        scheduledAt: new Date(now.getTime() + 2 * 3_600_000),
      },
    });
    pushId = push.id;
    await db.delivery.createMany({
      data: [
        { account: "main", kind: "push", memberId: members[0]!.id, text: "x", status: "sent", sentAt: now, campaign: `push:${push.id}` },
        { account: "main", kind: "push", memberId: members[1]!.id, text: "x", status: "sent", sentAt: now, campaign: `push:${push.id}` },
        {
          account: "main",
          kind: "push",
          memberId: members[2]!.id,
          text: "x",
          status: "skipped",
          reason: "opt_out",
          campaign: `push:${push.id}`,
        },
      ],
    });
    // What the rollup job does every minute (it first ran before the rooms were synced).
    await refreshConsoleRollups(t.app);
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await http?.close();
    await t?.stop();
  });

  it("logs in from WeChat with 后台 and shows the database's GMV and orders, as 看板 does", async () => {
    t.say("boss", "后台");
    const message = await t.waitFor({ to: "boss", text: "后台登录链接" }, 20_000);
    const link = /(http:\/\/\S+\/console\/login\?code=[0-9A-Z]{20})/.exec(message.text)?.[1];
    expect(link, message.text).toBeDefined();

    await page.goto(link!);
    await page.screenshot({ path: screenshotPath("00-login"), fullPage: true });
    await page.click("#login");
    await page.waitForURL(/\/console$/);
    await page.waitForSelector("[data-chart=overview] canvas");
    await page.screenshot({ path: screenshotPath("01-overview"), fullPage: true });

    const [expected] = await t.app.db.$queryRaw<Array<{ gmv: bigint; orders: number }>>`
      select coalesce(sum(amount_cents), 0)::bigint as gmv, count(*)::int as orders from orders
       where status = 'paid' and paid_at >= ${startOfLocalDay(t.app.clock.now(), t.app.config.timeZone)}`;
    expect(Number(expected!.gmv)).toBe(48_145);
    expect(await page.getAttribute("[data-metric=gmvCents]", "data-value")).toBe(String(expected!.gmv));
    expect(await page.getAttribute("[data-metric=paidOrders]", "data-value")).toBe(String(expected!.orders));
    expect(await page.textContent("[data-metric=gmvCents] .value")).toBe("¥481.45");
    // The overview reloads itself within 10 s.
    expect(await page.getAttribute("meta[http-equiv=refresh]", "content")).toBe("10");

    // 看板 in chat tells the same figures as the page.
    t.say("boss", "看板");
    const board = await t.waitFor({ to: "boss", text: "看板" }, 20_000);
    for (const key of ["gmvCents", "paidOrders", "buyers", "averageOrderCents", "conversion", "couponClaims", "couponRedemptions"]) {
      const name = (await page.textContent(`[data-metric=${key}] .name`))!;
      const value = (await page.textContent(`[data-metric=${key}] .value`))!;
      expect(board.text, key).toContain(`${name}：${value}（`);
    }
  });

  it("opens a push's funnel, exports the campaigns as CSV and pauses the push", async () => {
    await page.click('a[href="/console/campaigns"]');
    await page.waitForSelector("#campaigns");
    await page.screenshot({ path: screenshotPath("02-campaigns"), fullPage: true });

    const download = page.waitForEvent("download");
    await page.click('a[href="/console/export/campaigns.csv"]');
    const file = await (await download).path();
    const csv = readFileSync(file!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("活动,编号,名称,状态");
    expect(csv).toContain(`push,${pushId},冬季新品上市，老客专享,scheduled,`);

    await page.click(`a[href="/console/campaigns/push:${pushId}"]`);
    await page.waitForSelector("[data-chart=funnel] canvas");
    const funnel = await page.$$eval("#funnel tbody tr", (rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)),
    );
    expect(funnel).toEqual([
      ["目标 targeted", "3"],
      ["已发 sent", "2"],
      ["跳过 skipped", "1"],
      ["领取 claimed", "0"],
      ["核销 redeemed", "0"],
    ]);
    await page.screenshot({ path: screenshotPath("03-campaign-funnel"), fullPage: true });

    await page.click("button[data-action='push.pause']");
    await page.waitForSelector(".notice");
    expect(await page.textContent(".notice")).toContain(`推送 #${pushId} 已暂停`);
    expect(await page.textContent("#campaign-status")).toBe("paused");
    await page.screenshot({ path: screenshotPath("04-push-paused"), fullPage: true });
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("paused");
    const audit = await t.app.db.auditLog.findFirstOrThrow({
      where: { command: "push.pause" },
      orderBy: { id: "desc" },
      include: { actor: true },
    });
    expect(audit).toMatchObject({ args: `console ${pushId}`, outcome: "done" });
    expect(audit.actor.wechatId).toBe("boss");
  });

  it("opens every other page, each with its figures' definitions, and the queues for the owner", async () => {
    const pages: Array<[string, string, string]> = [
      ["/console/layers", "05-layers", "#layers"],
      ["/console/groups", "06-groups", "#groups"],
      ["/console/members?q=Alice", "07-members", "#members"],
      ["/console/service", "11-service", "#service-metrics"],
      ["/console/calendar", "09-calendar", "#rhythm"],
    ];
    for (const [url, name, selector] of pages) {
      const response = await page.goto(new URL(url, page.url()).href);
      expect(response?.status(), url).toBe(200);
      await page.waitForSelector(selector);
      expect(await page.textContent(".computed"), url).toContain("计算于");
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    }
    expect(await page.textContent("#rhythm")).toContain("缺 3");
    await page.goto(new URL("/console/groups", page.url()).href);
    expect(await page.textContent("#groups")).toContain("VIP群");
    await page.goto(new URL("/console/members?q=Alice", page.url()).href);
    await page.click("#members a");
    await page.waitForSelector("text=订单 Orders");
    expect(await page.textContent("main")).toContain("E2E1");
    await page.screenshot({ path: screenshotPath("08-member"), fullPage: true });

    const queues = await page.goto(new URL("/console/queues", page.url()).href);
    expect(queues?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    await page.waitForSelector("text=outbox", { timeout: 10_000 }).catch(() => undefined);
    await page.screenshot({ path: screenshotPath("10-queues"), fullPage: true });
  });

  it("ends the browser's session when the operator sends 后台 退出", async () => {
    t.say("boss", "后台 退出");
    expect((await t.waitFor({ to: "boss", text: "已退出后台" }, 20_000)).text).toContain("结束了 1 个");
    await page.goto(new URL("/console", page.url()).href);
    expect(page.url()).toMatch(/\/console\/login$/);
    expect(await page.textContent("main")).toContain("私聊机器人发送「后台」");
  });
});
