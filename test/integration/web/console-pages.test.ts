// The console's pages and actions without a browser: a flash sale cancelled and a push confirmed through
// their use cases (audited), a push made after the cached campaign view is listed at once, and every
// page answers with its figures' time.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshConsoleRollups } from "../../../src/features/console/index.js";
import { buildHttpServer } from "../../../src/http/server.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { loginToConsole, postForm } from "../../support/console-session.js";
import { createTestApp } from "../../support/test-app.js";

describe("the console's pages and actions", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let http: FastifyInstance;
  let cookie: string;
  let csrf: string;
  let operatorId: number;

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ OWNER_WECHAT_ID: "boss" }));
    http = buildHttpServer(app);
    const operator = await app.db.member.create({ data: { wechatId: "op", name: "运营小李" } });
    operatorId = operator.id;
    await app.db.operator.create({ data: { memberId: operator.id, role: "operator" } });
    ({ cookie, csrf } = await loginToConsole(http, app, operator.id));
  });
  afterAll(async () => {
    await http?.close();
    await cleanup?.();
  });

  it("cancels a flash sale that has not started, through its use case, audited", async () => {
    const room = await app.db.room.create({ data: { wechatRoomId: "r1", topic: "VIP群" } });
    const now = app.clock.now();
    const sale = await app.db.flashSale.create({
      data: {
        product: "面霜",
        priceCents: 9900,
        stock: 10,
        roomIds: [room.id],
        startsAt: new Date(now.getTime() + 3_600_000),
        endsAt: new Date(now.getTime() + 7_200_000),
        createdById: operatorId,
      },
    });
    const response = await postForm(
      http,
      "/console/actions",
      { action: "flash.cancel", id: sale.id, back: `/console/campaigns/flash:${sale.id}`, _csrf: csrf },
      cookie,
    );
    expect(response.statusCode).toBe(303);
    expect(String(response.headers.location)).toMatch(new RegExp(`^/console/campaigns/flash:${sale.id}\\?notice=`));
    expect((await app.db.flashSale.findUniqueOrThrow({ where: { id: sale.id } })).status).toBe("cancelled");
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { command: "flash.cancel" } });
    expect(audit).toMatchObject({ actorId: operatorId, args: `console ${sale.id}`, outcome: "cancelled" });
    const again = await postForm(http, "/console/actions", { action: "flash.cancel", id: sale.id, _csrf: csrf }, cookie);
    expect(decodeURIComponent(String(again.headers.location))).toContain("已结束或已取消");
  });

  it("confirms a push awaiting confirmation; an unknown action or a redirect out of the console is refused", async () => {
    const now = app.clock.now();
    const push = await app.db.push.create({
      data: {
        audience: "rooms",
        expression: "群:VIP群",
        variants: ["新品"],
        status: "awaiting_confirm",
        scheduledAt: new Date(now.getTime() + 3_600_000),
        confirmBy: new Date(now.getTime() + 600_000),
      },
    });
    const response = await postForm(
      http,
      "/console/actions",
      { action: "push.confirm", id: push.id, back: "https://evil.example/", _csrf: csrf },
      cookie,
    );
    expect(String(response.headers.location)).toMatch(/^\/console\/campaigns\?notice=/);
    expect((await app.db.push.findUniqueOrThrow({ where: { id: push.id } })).status).toBe("scheduled");
    const unknown = await postForm(http, "/console/actions", { action: "push.delete", id: push.id, _csrf: csrf }, cookie);
    expect(unknown.statusCode).toBe(400);
  });

  it("lists a push made after the cached campaign view at once, with live statuses", async () => {
    await refreshConsoleRollups(app);
    const push = await app.db.push.create({
      data: {
        audience: "rooms",
        expression: "群:VIP群",
        variants: ["刚刚建的推送"],
        status: "scheduled",
        scheduledAt: new Date(app.clock.now().getTime() + 86_400_000),
      },
    });
    const page = await http.inject({ method: "GET", url: "/console/campaigns", headers: { cookie } });
    expect(page.body).toContain(`/console/campaigns/push:${push.id}`);
    expect(page.body).toContain("刚刚建的推送");
    expect(page.body).toContain("cancelled"); // the flash sale of the first test, as it is now
  });

  it("answers every page with 200 and the time its figures were computed", async () => {
    for (const url of [
      "/console",
      "/console/campaigns",
      "/console/layers",
      "/console/groups",
      "/console/members?q=运营",
      "/console/calendar",
      "/console/campaigns/flash:1",
    ]) {
      const response = await http.inject({ method: "GET", url, headers: { cookie } });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain("计算于");
    }
    for (const url of ["/console/campaigns/push:99999", "/console/campaigns/nonsense", "/console/export/campaign-push-99999.csv"]) {
      const missing = await http.inject({ method: "GET", url, headers: { cookie } });
      expect({ url, status: missing.statusCode }).toEqual({ url, status: 404 });
      expect(missing.body).toContain("这个活动不存在");
    }
    for (const url of [
      "/console/export/campaigns.csv",
      "/console/export/groups.csv",
      "/console/export/layers.csv",
      "/console/export/overview.csv",
      "/console/export/calendar.csv",
    ]) {
      const csv = await http.inject({ method: "GET", url, headers: { cookie } });
      expect(csv.statusCode, url).toBe(200);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(csv.body.charCodeAt(0), url).toBe(0xfeff);
    }
  });
});
