// The shop API in tests: a test app with its HTTP server (requests go through Fastify's inject, no socket),
// and the shop's side, a POST signed as the shop signs it.
import type { FastifyInstance } from "fastify";
import { signedHeaders } from "../../src/features/orders/index.js";
import { buildHttpServer } from "../../src/http/server.js";
import type { AppContext } from "../../src/kernel/app-context.js";
import type { Clock } from "../../src/kernel/time/clock.js";
import { createTestApp } from "./test-app.js";

/** `createTestApp(env, clock)` and the HTTP server over it; `cleanup` closes the server, then the app. */
export async function createShopTestApp(
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<{ app: AppContext; http: FastifyInstance; cleanup(): Promise<void> }> {
  const { app, cleanup } = await createTestApp(env, clock);
  const http = buildHttpServer(app);
  return {
    app,
    http,
    async cleanup() {
      await http.close();
      await cleanup();
    },
  };
}

export interface SignedPostOptions {
  /** The signature's timestamp (the app's clock, usually); now unless told. */
  at?: Date;
  /** Added after the signed headers, so they can override them (a forged signature, a reused nonce). */
  headers?: Record<string, string>;
}

/** POSTs `body` to `url` as JSON, signed with `secret`; a string body is sent (and signed) as it is. */
export function signedPost(
  http: FastifyInstance,
  secret: string,
  url: string,
  body: unknown,
  { at, headers = {} }: SignedPostOptions = {},
) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return http.inject({
    method: "POST",
    url,
    payload: raw,
    headers: { "content-type": "application/json", ...signedHeaders(secret, { method: "POST", path: url, body: raw, at }), ...headers },
  });
}
