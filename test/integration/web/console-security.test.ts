// The console's doors: no session → the login page; expired, reused, malformed and other members'
// codes refused with a clear page; a member without a role gets nothing; an operator cannot open the
// queues; a POST without the CSRF token is refused; the cookie's flags; revoking the role or 后台 退出
// ends the sessions; logins are rate-limited.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endConsoleSessions, issueLoginCode, readConsoleSession } from "../../../src/features/console/index.js";
import { buildHttpServer } from "../../../src/http/server.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import type { Member } from "../../../src/kernel/db/client.js";
import { loginToConsole, postForm } from "../../support/console-session.js";
import { createTestApp } from "../../support/test-app.js";

describe("the console's login and sessions", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let http: FastifyInstance;
  let now = new Date("2026-11-20T04:00:00Z");
  let owner: Member;
  let operator: Member;
  let admin: Member;
  let plain: Member;

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ OWNER_WECHAT_ID: "boss", CONSOLE_LOGINS_PER_MINUTE: "50" }, { now: () => now }));
    http = buildHttpServer(app);
    owner = await app.db.member.create({ data: { wechatId: "boss", name: "王老板" } });
    operator = await app.db.member.create({ data: { wechatId: "op", name: "运营小李" } });
    admin = await app.db.member.create({ data: { wechatId: "ad", name: "管理员" } });
    plain = await app.db.member.create({ data: { wechatId: "alice", name: "Alice" } });
    await app.db.operator.create({ data: { memberId: operator.id, role: "operator" } });
    await app.db.operator.create({ data: { memberId: admin.id, role: "admin" } });
  });
  afterAll(async () => {
    await http?.close();
    await cleanup?.();
  });

  it("sends a visitor without a session to the login page", async () => {
    for (const url of ["/console", "/console/campaigns", "/console/queues", "/console/export/campaigns.csv"]) {
      const response = await http.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe("/console/login");
    }
    // A malformed cookie (a stray "%") is no session, not a 500.
    const garbled = await http.inject({ method: "GET", url: "/console", headers: { cookie: "siyu_console=%E0%A4%A" } });
    expect(garbled.statusCode).toBe(303);
    expect(garbled.headers.location).toBe("/console/login");
    const login = await http.inject({ method: "GET", url: "/console/login" });
    expect(login.statusCode).toBe(401);
    expect(login.body).toContain("后台");
    expect(login.body).not.toContain("_csrf");
  });

  it("issues codes of at least 64 bits and starts a session with a strict, HttpOnly, 12-hour cookie", async () => {
    const { code, link } = await issueLoginCode(app, operator.id);
    expect(code).toMatch(/^[0-9A-Z]{20}$/); // 20 × log2(31) ≈ 99 bits
    expect(link).toBe(`http://127.0.0.1:${app.config.http.port}/console/login?code=${code}`);
    const stored = await app.db.consoleLoginCode.findFirstOrThrow({ where: { memberId: operator.id } });
    expect(stored.codeHash).not.toContain(code);
    const { setCookie } = await loginToConsole(http, app, operator.id);
    expect(setCookie).toMatch(/^siyu_console=[0-9A-Z]{32}; /);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/console");
    expect(setCookie).toContain(`Max-Age=${12 * 3600}`);
    expect(setCookie).not.toContain("Secure");
    const behindHttps = await http.inject({
      method: "POST",
      url: "/console/login",
      payload: `code=${(await issueLoginCode(app, operator.id)).code}`,
      headers: { "x-forwarded-proto": "https" },
    });
    expect(String(behindHttps.headers["set-cookie"])).toContain("; Secure");
  });

  it("refuses a reused, an expired, a malformed and another member's code with a clear page", async () => {
    const { code } = await issueLoginCode(app, operator.id);
    expect((await postForm(http, "/console/login", { code })).statusCode).toBe(303);
    const reused = await postForm(http, "/console/login", { code });
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain("已经用过");

    const stale = await issueLoginCode(app, operator.id);
    now = new Date(now.getTime() + 5 * 60_000 + 1);
    const expired = await postForm(http, "/console/login", { code: stale.code });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain("已过期");

    const bad = await postForm(http, "/console/login", { code: "NOT-A-CODE<script>" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("无效");
    expect(bad.body).not.toContain("<script>");
    const unknown = await postForm(http, "/console/login", { code: "A".repeat(20) });
    expect(unknown.statusCode).toBe(400);

    // A browser logged in as the operator cannot take the admin's code: it stays unused for the admin.
    const mine = await loginToConsole(http, app, operator.id);
    const theirs = await issueLoginCode(app, admin.id);
    const other = await postForm(http, "/console/login", { code: theirs.code }, mine.cookie);
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain("另一位成员");
    expect((await postForm(http, "/console/login", { code: theirs.code })).statusCode).toBe(303);
    for (const response of [reused, expired, bad, other]) expect(response.body).not.toMatch(/at \w+ \(|undefined|Error:/);
  });

  it("gives a member without a role nothing", async () => {
    const { code } = await issueLoginCode(app, plain.id);
    const response = await postForm(http, "/console/login", { code });
    expect(response.statusCode).toBe(403);
    expect(response.headers["set-cookie"]).toBeUndefined();
    expect(await app.db.consoleSession.count({ where: { memberId: plain.id } })).toBe(0);
  });

  it("lets only the owner and admins open the queues", async () => {
    const op = await loginToConsole(http, app, operator.id);
    const refused = await http.inject({ method: "GET", url: "/console/queues", headers: { cookie: op.cookie } });
    expect(refused.statusCode).toBe(403);
    const overview = await http.inject({ method: "GET", url: "/console", headers: { cookie: op.cookie } });
    expect(overview.body).not.toContain('href="/console/queues"');
    const boss = await loginToConsole(http, app, owner.id);
    const page = await http.inject({ method: "GET", url: "/console/queues", headers: { cookie: boss.cookie } });
    expect(page.statusCode).toBe(200);
  });

  it("refuses a POST without the session's CSRF token, and takes one with it", async () => {
    const op = await loginToConsole(http, app, operator.id);
    const without = await postForm(http, "/console/actions", { action: "push.pause", id: 1 }, op.cookie);
    expect(without.statusCode).toBe(403);
    expect(without.body).toContain("CSRF");
    const wrong = await postForm(http, "/console/actions", { action: "push.pause", id: 1, _csrf: "X".repeat(32) }, op.cookie);
    expect(wrong.statusCode).toBe(403);
    const logoutWithout = await postForm(http, "/console/logout", {}, op.cookie);
    expect(logoutWithout.statusCode).toBe(403);
    const withToken = await postForm(http, "/console/actions", { action: "push.pause", id: 999, _csrf: op.csrf }, op.cookie);
    expect(withToken.statusCode).toBe(303);
    expect(decodeURIComponent(String(withToken.headers.location))).toContain("没有推送 #999");
    const audit = await app.db.auditLog.findFirstOrThrow({
      where: { actorId: operator.id, command: "push.pause" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ args: "console 999", outcome: "notFound" });
  });

  it("ends the sessions when the role is revoked, and with 后台 退出", async () => {
    const op = await loginToConsole(http, app, operator.id);
    const token = op.cookie.split("=")[1]!;
    expect(await readConsoleSession(app, token)).toBeDefined();
    await app.db.operator.delete({ where: { memberId: operator.id } });
    const after = await http.inject({ method: "GET", url: "/console", headers: { cookie: op.cookie } });
    expect(after.statusCode).toBe(303);
    await app.db.operator.create({ data: { memberId: operator.id, role: "operator" } });
    // Revoked sessions stay ended even once the role is back.
    expect((await http.inject({ method: "GET", url: "/console", headers: { cookie: op.cookie } })).statusCode).toBe(303);

    const again = await loginToConsole(http, app, operator.id);
    expect(await endConsoleSessions(app, operator.id)).toBe(1);
    expect((await http.inject({ method: "GET", url: "/console", headers: { cookie: again.cookie } })).statusCode).toBe(303);
  });

  it("ends a session after 12 hours", async () => {
    const op = await loginToConsole(http, app, admin.id);
    now = new Date(now.getTime() + 12 * 3_600_000 + 1000);
    expect((await http.inject({ method: "GET", url: "/console", headers: { cookie: op.cookie } })).statusCode).toBe(303);
  });

  it("rate-limits login attempts from one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) statuses.push((await postForm(http, "/console/login", { code: "B".repeat(20) })).statusCode);
    expect(statuses).toContain(429);
    const limited = await postForm(http, "/console/login", { code: "B".repeat(20) });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain("一分钟后再试");
  });

  it("sends the security headers on every page", async () => {
    const page = await http.inject({ method: "GET", url: "/console/login" });
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["cache-control"]).toBe("no-store");
  });
});
