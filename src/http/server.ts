// The shop's HTTP API: a transport like src/bot — verify the signature, parse with zod, call a use case.
// Every request is signed (docs/shop-api.md): X-Siyu-Signature is the hex HMAC-SHA256 with SHOP_API_SECRET
// of `${X-Siyu-Timestamp}.${X-Siyu-Nonce}.${METHOD}.${path}.${raw body}`; a timestamp outside the window
// or a nonce seen before is refused before anything is parsed or written. The raw bytes are kept whatever
// the content type says (a JSON body sent as text/plain is still JSON, and its signature covers its bytes).
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { z } from "zod";
import { recordShopInvite, type ShopInviteRefusal } from "../features/loyalty/index.js";
import {
  checkSignature,
  createBindCode,
  describeIssue,
  recordOrder,
  updateOrderStatus,
  upsertProducts,
  ZBindCodeRequest,
  ZOrderStatusUpdate,
  ZProductBatch,
  ZShopInviteRequest,
  ZShopOrder,
} from "../features/orders/index.js";
import type { AppContext } from "../kernel/app-context.js";
import type { Order } from "../kernel/db/generated/client.js";
import { within } from "../kernel/time/within.js";
import { registerConsole } from "../web/console.js";

export { NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../features/orders/index.js";

/**
 * Claims a nonce once (SET NX): of 200 identical requests at once exactly one gets true. Kept for twice
 * the window, the longest a timestamp stays acceptable from the first time its nonce is seen, plus a
 * minute of clock difference between our own processes.
 */
export async function claimNonce(app: AppContext, nonce: string): Promise<boolean> {
  const ttlSeconds = 2 * app.config.http.signatureWindowSeconds + 60;
  return (await app.redis.set(app.key("shop-api", "nonce", nonce), "1", "EX", ttlSeconds, "NX")) === "OK";
}

/**
 * The claim, or "unavailable" when Redis does not answer within SHOP_API_REDIS_WAIT_MS: the shared client
 * queues commands through an outage (the workers want that), but the shop should hear at once that
 * nothing was done, and retry, rather than wait with its connection open.
 */
async function claimNonceWithin(app: AppContext, nonce: string): Promise<boolean | "unavailable"> {
  return within(
    claimNonce(app, nonce).catch(() => "unavailable" as const),
    app.config.http.redisWaitMs,
    "unavailable" as const,
  );
}

/** The stored order as a conflicting replay is shown it. */
function describeOrder(order: Order) {
  return {
    orderId: order.externalId,
    orderNo: order.orderNo,
    customerId: order.shopCustomerId,
    amountCents: order.amountCents,
    status: order.status,
    categories: order.categories,
    couponCode: order.couponCode,
    placedAt: order.placedAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    memberBound: order.memberId !== null,
  };
}

const REFUSALS: Record<ShopInviteRefusal, string> = {
  self: "a member's own invite code",
  alreadyInvited: "the customer's member was invited by someone already",
  existingCustomer: "the customer has bought before (an invite code is for new customers)",
};
const notEligible = (reason: ShopInviteRefusal) => ({ error: "not_eligible", reason, message: `not counted: ${REFUSALS[reason]}` });

/** Builds the API (not listening): tests call `inject`, the worker calls `listen`. */
export function buildHttpServer(app: AppContext): FastifyInstance {
  const server = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  server.removeAllContentTypeParsers();
  server.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  // The content type does not matter, so Fastify must not judge it either: "application/json, text/plain"
  // is not a valid media type, and a missing one would skip the body.
  server.addHook("onRequest", async (request) => {
    request.headers["content-type"] = "application/octet-stream";
  });

  /** Signature (timestamp, nonce), then JSON, then schema: the parsed body, or the reply already sent. */
  async function accept<T>(request: FastifyRequest, reply: FastifyReply, schema: z.ZodType<T>): Promise<T | undefined> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const check = checkSignature(
      { headers: request.headers, method: request.method, path: request.url.split("?")[0]!, body: raw },
      {
        secret: app.config.http.shopSecret,
        windowSeconds: app.config.http.signatureWindowSeconds,
        legacy: app.config.http.legacySignature,
      },
      app.clock.now(),
    );
    if (check.kind === "refused") {
      await reply.code(401).send({ error: check.error, field: check.field, message: check.message });
      return undefined;
    }
    const claimed = check.nonce === undefined ? true : await claimNonceWithin(app, check.nonce);
    if (claimed === "unavailable") {
      await reply.code(503).header("retry-after", "5").send({
        error: "unavailable",
        message: "Siyu cannot check the nonce right now: nothing was done; retry with a new nonce and timestamp",
      });
      return undefined;
    }
    if (!claimed) {
      await reply.code(409).send({
        error: "replayed_nonce",
        field: "X-Siyu-Nonce",
        message:
          "this X-Siyu-Nonce was used already: nothing was done; sign every request, a retry included, with a new nonce and timestamp",
      });
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      await reply.code(400).send({ error: "malformed_json", field: "body", message: "body: not valid JSON" });
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const { field, message } = describeIssue(parsed.error);
      await reply.code(400).send({ error: "invalid", field, message });
      return undefined;
    }
    return parsed.data;
  }

  server.post("/api/orders", async (request, reply) => {
    const order = await accept(request, reply, ZShopOrder);
    if (!order) return reply;
    const outcome = await recordOrder(app, order, app.clock.now());
    if (outcome.kind === "conflict") {
      return reply.code(409).send({
        error: "conflict",
        fields: outcome.fields,
        message: `order ${order.orderId} is stored with another ${outcome.fields.join(", ")}: nothing was changed`,
        order: describeOrder(outcome.order),
      });
    }
    return reply.code(outcome.kind === "created" ? 201 : 200).send({
      result: outcome.kind,
      orderNo: outcome.order.orderNo,
      status: outcome.order.status,
      memberBound: outcome.order.memberId !== null,
      ...(outcome.coupon ? { coupon: outcome.coupon } : {}),
    });
  });

  server.post("/api/orders/status", async (request, reply) => {
    const update = await accept(request, reply, ZOrderStatusUpdate);
    if (!update) return reply;
    const outcome = await updateOrderStatus(app, update, app.clock.now());
    if (outcome.kind === "notFound") return reply.code(404).send({ error: "not_found", message: "no such order" });
    if (outcome.kind === "notAllowed") {
      return reply.code(409).send({ error: "not_allowed", message: `an order that is ${outcome.from} cannot become ${outcome.to}` });
    }
    return reply.send({ result: outcome.kind, orderNo: outcome.order.orderNo, status: outcome.order.status });
  });

  server.post("/api/bind-codes", async (request, reply) => {
    const body = await accept(request, reply, ZBindCodeRequest);
    if (!body) return reply;
    const outcome = await createBindCode(app, { customerId: body.customerId, at: app.clock.now(), ttlMs: app.config.bind.ttlMs });
    return reply
      .code(outcome.kind === "created" ? 201 : 200)
      .send({ result: outcome.kind, code: outcome.code, expiresAt: outcome.expiresAt.toISOString() });
  });

  // 邀请码 entered at the shop: makes the customer's member an invitee (now, or at 绑定) if new to buying.
  server.post("/api/invites", async (request, reply) => {
    const body = await accept(request, reply, ZShopInviteRequest);
    if (!body) return reply;
    const outcome = await recordShopInvite(app, { ...body, at: app.clock.now() });
    switch (outcome.kind) {
      case "unknownCode":
        return reply.code(404).send({ error: "unknown_code", field: "inviteCode", message: "inviteCode: no member has this invite code" });
      case "refused":
        return reply.code(409).send(notEligible(outcome.reason));
      case "conflict":
        return reply.code(409).send({
          error: "conflict",
          field: "inviteCode",
          message: "this customer's invite was recorded with another code (the first one counts): nothing was changed",
        });
      case "duplicate":
        return reply.send({ result: "duplicate", status: outcome.status });
      case "waiting":
        return reply
          .code(201)
          .send({ result: "waiting", inviterName: outcome.inviterName, message: "applies when the customer binds (绑定)" });
      case "applied":
        return reply.code(201).send({ result: "applied", inviterName: outcome.inviterName, referralOpened: outcome.referralOpened });
    }
  });

  // The catalogue (recommendations name products by it): each product created or replaced by its id.
  server.post("/api/products", async (request, reply) => {
    const body = await accept(request, reply, ZProductBatch);
    if (!body) return reply;
    return reply.send({ result: "upserted", ...(await upsertProducts(app, body.products)) });
  });

  server.get("/api/health", async () => ({ ok: true }));
  // The operator console (src/web): /console on this same server.
  registerConsole(server, app);

  server.setErrorHandler(async (error, _request, reply) => {
    app.logger.error({ err: error }, "http error");
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    await reply
      .code(status >= 400 && status < 600 ? status : 500)
      .send({ error: status === 500 ? "internal" : "bad_request", message: status === 500 ? "internal error" : (error as Error).message });
  });
  return server;
}

/** Starts listening on HTTP_HOST:HTTP_PORT; returns the server (close() it to stop). */
export async function startHttpServer(app: AppContext, port = app.config.http.port): Promise<FastifyInstance> {
  const server = buildHttpServer(app);
  await server.listen({ port, host: app.config.http.host });
  app.logger.info({ host: app.config.http.host, port }, "shop API listening");
  if (app.config.http.legacySignature) {
    app.logger.warn("SHOP_API_LEGACY_SIGNATURE=true: body-only signatures are accepted, and such requests can be replayed");
  }
  return server;
}
