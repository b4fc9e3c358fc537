// The shop API while Redis is away: a signed request is answered at once with 503 and nothing is written
// (the nonce cannot be checked, so the request is not taken), rather than hanging until Redis is back;
// once it is, the shop's retry (a new nonce, as docs/shop-api.md asks) is stored. Its own redis-server.
import type { ChildProcess } from "node:child_process";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHttpServer } from "../../../src/http/server.js";
import { type AppContext, createAppContext } from "../../../src/kernel/app-context.js";
import { freePort, redisDataDir, startRedis, stopRedis } from "../../support/redis-server.js";
import { signedPost } from "../../support/shop-client.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

const SECRET = "test-secret-0123456789";

describe("the shop API during a Redis outage", () => {
  let redisServer: ChildProcess | undefined;
  let testEnv: TestEnv;
  let app: AppContext;
  let http: FastifyInstance;
  let port: number;
  let dir: string;
  const post = (body: unknown) => signedPost(http, SECRET, "/api/orders", body);

  beforeAll(async () => {
    port = await freePort();
    dir = await redisDataDir();
    redisServer = await startRedis(port, dir);
    testEnv = await createTestEnv({ REDIS_URL: `redis://127.0.0.1:${port}`, SHOP_API_SECRET: SECRET, SHOP_API_REDIS_WAIT_MS: "1000" });
    app = createAppContext(testEnv.config);
    http = buildHttpServer(app);
  });
  afterAll(async () => {
    await http?.close();
    await app?.close();
    // The test database and its keys: the keys went with the test's own Redis.
    redisServer ??= await startRedis(port, dir);
    await testEnv?.cleanup();
    await stopRedis(redisServer);
  });

  it("answers 503 within the wait and writes nothing; the retry after the outage is stored", { timeout: 30_000 }, async () => {
    const order = { orderId: "R-1", customerId: "c-1", amountCents: 9_900 };
    await stopRedis(redisServer);
    redisServer = undefined;
    const refused = await post(order); // before the fix: no answer until Redis came back
    expect({ status: refused.statusCode, body: refused.json() }).toMatchObject({ status: 503, body: { error: "unavailable" } });
    expect(await app.db.order.count()).toBe(0);

    redisServer = await startRedis(port, dir);
    await expect.poll(() => app.redis.ping().catch(() => "down"), { timeout: 20_000 }).toBe("PONG");
    const retried = await post(order);
    expect(retried.statusCode).toBe(201);
    expect(await app.db.order.count({ where: { externalId: "R-1" } })).toBe(1);
  });
});
