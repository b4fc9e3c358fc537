// The operator console under /console on the shop API's Fastify server (src/http/server.ts registers it).
// Server-rendered pages: a session cookie (HttpOnly, SameSite=Strict, Secure behind https) from a
// one-time code sent by 后台; every POST but the login carries the session's CSRF token; every page is
// no-store, framed by nobody, and loads scripts only from here.

import { timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  CONSOLE_ACTIONS,
  type ConsoleActionName,
  endConsoleSession,
  readCampaign,
  readCampaignList,
  readConsoleSession,
  readOverview,
  redeemLoginCode,
  runConsoleAction,
  skippedTotal,
  toCsv,
} from "../features/console/index.js";
import type { AppContext } from "../kernel/app-context.js";
import { hasRole } from "../kernel/commands/roles.js";
import { countInWindow } from "../kernel/rate-limit.js";
import { CONSOLE_CSS, CONSOLE_JS } from "./assets.js";
import type { ConsoleRequestContext } from "./console-auth.js";
import { registerExtraPages } from "./extra-pages.js";
import { campaignPage, campaignsPage, loginConfirmPage, messagePage, overviewPage } from "./pages.js";
import { registerQueues } from "./queues.js";
import { registerServicePage } from "./service-page.js";

export const SESSION_COOKIE = "siyu_console";
/** The overview reloads itself this often (the issue asks ≤ 10 s). */
export const OVERVIEW_REFRESH_SECONDS = 10;

const requireFromHere = createRequire(import.meta.url);
let echartsSource: Buffer | undefined;
const echarts = () => (echartsSource ??= readFileSync(requireFromHere.resolve("echarts/dist/echarts.min.js")));

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // The login link carries its code: never sent on as a Referer.
  "referrer-policy": "no-referrer",
};

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      // A malformed value (a stray "%") is no cookie, not a 500.
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function readForm(request: FastifyRequest): URLSearchParams {
  const body = Buffer.isBuffer(request.body) ? request.body.toString("utf8") : "";
  return new URLSearchParams(body.slice(0, 10_000));
}

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Registers the console on the server (a register call; everything else stays in src/web). */
export function registerConsole(server: FastifyInstance, app: AppContext): void {
  server.register(
    async (scope) => {
      scope.addHook("onSend", async (_request, reply, payload) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
        return payload;
      });
      scope.setErrorHandler(async (error, request, reply) => {
        app.logger.error({ err: error, url: request.url.split("?")[0] }, "console error");
        await reply
          .code(500)
          .type("text/html; charset=utf-8")
          .send(messagePage("出错了 / Error", "后台出了点问题，请稍后再试。/ Something went wrong."));
      });
      scope.setNotFoundHandler(async (_request, reply) => {
        await reply.code(404).type("text/html; charset=utf-8").send(messagePage("没有这个页面 / Not found", "这个页面不存在。"));
      });

      const secure = (request: FastifyRequest) =>
        app.config.console.publicUrl.startsWith("https:") || request.headers["x-forwarded-proto"] === "https";
      const cookie = (request: FastifyRequest, value: string, maxAgeSeconds: number) =>
        `${SESSION_COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure(request) ? "; Secure" : ""}`;
      const sendHtml = (reply: FastifyReply, code: number, body: string) => reply.code(code).type("text/html; charset=utf-8").send(body);

      /** The session, or the login page sent (no session) — null means the reply is done. */
      async function authenticate(
        request: FastifyRequest,
        reply: FastifyReply,
        minRole: "operator" | "admin" = "operator",
      ): Promise<ConsoleRequestContext | null> {
        const session = await readConsoleSession(app, readCookie(request, SESSION_COOKIE));
        if (!session) {
          await reply.redirect("/console/login", 303);
          return null;
        }
        if (!hasRole(session.role, minRole)) {
          await sendHtml(reply, 403, messagePage("没有权限 / Forbidden", "你的角色不能打开这个页面。/ Your role cannot open this page."));
          return null;
        }
        const notice = (request.query as { notice?: string } | undefined)?.notice;
        return {
          session,
          page: {
            memberName: session.member.name,
            role: session.role,
            csrfToken: session.csrfToken,
            zone: app.config.timeZone,
            notice: typeof notice === "string" ? notice.slice(0, 200) : undefined,
          },
        };
      }

      /** authenticate, then the CSRF token of the form must be the session's. */
      async function authenticateForm(request: FastifyRequest, reply: FastifyReply) {
        const auth = await authenticate(request, reply);
        if (!auth) return null;
        const form = readForm(request);
        if (!sameToken(form.get("_csrf") ?? "", auth.session.csrfToken)) {
          await sendHtml(
            reply,
            403,
            messagePage("请求被拒绝 / Refused", "表单已失效（缺少或错误的 CSRF 令牌），请刷新页面后重试。/ Missing or wrong CSRF token."),
          );
          return null;
        }
        return { ...auth, form };
      }

      // ── assets ──
      scope.get("/assets/echarts.min.js", async (_request, reply) =>
        reply.type("application/javascript; charset=utf-8").header("cache-control", "public, max-age=86400").send(echarts()),
      );
      scope.get("/assets/console.js", async (_request, reply) => reply.type("application/javascript; charset=utf-8").send(CONSOLE_JS));
      scope.get("/assets/console.css", async (_request, reply) => reply.type("text/css; charset=utf-8").send(CONSOLE_CSS));

      // ── login ──
      const refusedLogin = {
        invalid: [400, "登录链接无效 / Invalid link", "这个登录链接无效（可能复制不完整）。/ This login link is not valid."],
        expired: [410, "登录链接已过期 / Expired", "这个登录链接已过期（5 分钟内有效）。/ This login link has expired."],
        used: [410, "登录链接已用过 / Already used", "这个登录链接已经用过了，每个链接只能用一次。/ This login link was already used."],
        otherMember: [
          403,
          "不是你的登录链接 / Not yours",
          "这个登录链接属于另一位成员。请先退出，或用自己的链接。/ This link belongs to another member.",
        ],
        noRole: [403, "没有权限 / Forbidden", "你没有运营权限，不能登录后台。/ Your role cannot use the console."],
      } as const;

      scope.get("/login", async (request, reply) => {
        const code = (request.query as { code?: unknown }).code;
        if (typeof code !== "string" || code === "") {
          return sendHtml(reply, 401, messagePage("请登录 / Log in", "后台需要登录。/ The console needs a login."));
        }
        return sendHtml(reply, 200, loginConfirmPage(code.slice(0, 64)));
      });

      scope.post("/login", async (request, reply) => {
        const attempts = await countInWindow(app.redis, app.key("console", "login", request.ip), 60_000);
        if (attempts > app.config.console.loginsPerMinute) {
          return sendHtml(
            reply.header("retry-after", "60"),
            429,
            messagePage("太频繁了 / Too many attempts", "登录尝试太多，请一分钟后再试。/ Too many login attempts: try again in a minute."),
          );
        }
        const code = (readForm(request).get("code") ?? "").trim().slice(0, 64);
        const current = await readConsoleSession(app, readCookie(request, SESSION_COOKIE));
        const outcome = await redeemLoginCode(app, code, current ? { memberId: current.member.id } : undefined);
        if (outcome.kind !== "started") {
          const [status, title, message] = refusedLogin[outcome.kind];
          return sendHtml(reply, status, messagePage(title, message));
        }
        const maxAge = Math.floor((outcome.expiresAt.getTime() - app.clock.now().getTime()) / 1000);
        return reply.header("set-cookie", cookie(request, outcome.token, maxAge)).redirect("/console", 303);
      });

      scope.post("/logout", async (request, reply) => {
        const auth = await authenticateForm(request, reply);
        if (!auth) return reply;
        await endConsoleSession(app, auth.session.sessionId);
        return reply.header("set-cookie", cookie(request, "", 0)).redirect("/console/login", 303);
      });

      // ── pages ──
      scope.get("/", async (request, reply) => {
        const auth = await authenticate(request, reply);
        if (!auth) return reply;
        return sendHtml(reply, 200, overviewPage(auth.page, await readOverview(app), OVERVIEW_REFRESH_SECONDS));
      });

      scope.get("/campaigns", async (request, reply) => {
        const auth = await authenticate(request, reply);
        if (!auth) return reply;
        const view = await readCampaignList(app);
        return sendHtml(reply, 200, campaignsPage(auth.page, view.value, view.computedAt));
      });

      scope.get("/campaigns/:key", async (request, reply) => {
        const auth = await authenticate(request, reply);
        if (!auth) return reply;
        const detail = await readCampaign(app, String((request.params as { key: string }).key).slice(0, 40));
        if (detail.kind === "notFound") return sendHtml(reply, 404, messagePage("没有这个活动 / Not found", "这个活动不存在。"));
        return sendHtml(reply, 200, campaignPage(auth.page, detail));
      });

      scope.post("/actions", async (request, reply) => {
        const auth = await authenticateForm(request, reply);
        if (!auth) return reply;
        const action = auth.form.get("action") as ConsoleActionName;
        const id = Number(auth.form.get("id"));
        if (!CONSOLE_ACTIONS.includes(action) || !Number.isInteger(id) || id <= 0 || id > 2_000_000_000) {
          return sendHtml(reply, 400, messagePage("请求无效 / Bad request", "没有这个操作。/ Unknown action."));
        }
        const outcome = await runConsoleAction(app, { memberId: auth.session.member.id, role: auth.session.role }, action, id);
        if (outcome.kind === "forbidden") return sendHtml(reply, 403, messagePage("没有权限 / Forbidden", outcome.message));
        const back = auth.form.get("back") ?? "/console/campaigns";
        // Only back into the console: never an open redirect.
        const target = /^\/console(\/[A-Za-z0-9:/_-]*)?$/.test(back) ? back : "/console/campaigns";
        return reply.redirect(`${target}?notice=${encodeURIComponent(outcome.message)}`, 303);
      });

      // ── CSV exports (UTF-8 with BOM) ──
      const sendCsv = (reply: FastifyReply, name: string, csv: string) =>
        reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${name}"`).send(csv);

      scope.get("/export/campaigns.csv", async (request, reply) => {
        const auth = await authenticate(request, reply);
        if (!auth) return reply;
        const funnels = (await readCampaignList(app)).value;
        return sendCsv(
          reply,
          "campaigns.csv",
          toCsv(
            [
              "活动",
              "编号",
              "名称",
              "状态",
              "开始",
              "目标",
              "已发",
              "跳过",
              "跳过原因",
              "领取",
              "核销",
              "收入（分）",
              "召回提升（百分点）",
            ],
            funnels.map((f) => [
              f.kind,
              f.id,
              f.title,
              f.status,
              f.startedAt,
              f.targeted,
              f.sent,
              skippedTotal(f),
              Object.entries(f.skipped)
                .map(([r, n]) => `${r}:${n}`)
                .join(" "),
              f.claimed,
              f.redeemed,
              f.revenueCents,
              f.liftPoints ?? "",
            ]),
          ),
        );
      });

      scope.get("/export/campaign-:kind-:id.csv", async (request, reply) => {
        const auth = await authenticate(request, reply);
        if (!auth) return reply;
        const { kind, id } = request.params as { kind: string; id: string };
        const detail = await readCampaign(app, `${kind}:${id}`.slice(0, 40));
        if (detail.kind === "notFound") return sendHtml(reply, 404, messagePage("没有这个活动 / Not found", "这个活动不存在。"));
        return sendCsv(
          reply,
          `campaign-${kind}-${id}.csv`,
          toCsv(
            ["时间", "事件", "数量"],
            detail.timeline.map((t) => [t.at, t.what, t.count ?? ""]),
          ),
        );
      });

      scope.get("/export/overview.csv", async (request, reply) => {
        const auth = await authenticate(request, reply);
        if (!auth) return reply;
        const overview = await readOverview(app);
        return sendCsv(
          reply,
          "overview.csv",
          toCsv(
            ["日期", "成交额（分）", "付款订单"],
            overview.days.map((d) => [d.day, d.gmvCents, d.paidOrders]),
          ),
        );
      });

      registerExtraPages(scope, app, { authenticate, sendHtml, sendCsv });
      registerServicePage(scope, app, { authenticate, sendHtml, sendCsv });
      await registerQueues(scope, app, authenticate);
    },
    { prefix: "/console" },
  );
}

export type Authenticate = (
  request: FastifyRequest,
  reply: FastifyReply,
  minRole?: "operator" | "admin",
) => Promise<ConsoleRequestContext | null>;
