// Logging into the console in tests without a browser: a code as 后台 issues it, POSTed to the login
// form, the cookie kept; the CSRF token read from a page as a browser's form would carry it.
import type { FastifyInstance } from "fastify";
import { issueLoginCode } from "../../src/features/console/index.js";
import type { AppContext } from "../../src/kernel/app-context.js";

export interface ConsoleLogin {
  cookie: string;
  setCookie: string;
  csrf: string;
}

export async function loginToConsole(http: FastifyInstance, app: AppContext, memberId: number): Promise<ConsoleLogin> {
  const { code } = await issueLoginCode(app, memberId);
  const response = await http.inject({
    method: "POST",
    url: "/console/login",
    payload: `code=${code}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  if (response.statusCode !== 303) throw new Error(`login failed: ${response.statusCode} ${response.body.slice(0, 200)}`);
  const setCookie = String(response.headers["set-cookie"]);
  const cookie = setCookie.split(";")[0]!;
  const page = await http.inject({ method: "GET", url: "/console", headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error("no CSRF token on the overview");
  return { cookie, setCookie, csrf };
}

/** A form POST as the browser sends it. */
export function postForm(http: FastifyInstance, url: string, fields: Record<string, string | number>, cookie?: string) {
  const payload = new URLSearchParams(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]))).toString();
  return http.inject({
    method: "POST",
    url,
    payload,
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
  });
}
