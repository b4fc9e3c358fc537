// The shop's HTTP API: a transport like src/bot — verify the signature, parse with zod, call a use case.
// Every body is signed (X-Siyu-Signature: hex HMAC-SHA256 of the raw body with SHOP_API_SECRET), so the
// raw bytes are kept and checked before anything is parsed or written, whatever the content type says
// (a JSON body sent as text/plain is still JSON, and its signature still covers its bytes).
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { z } from "zod";
import type { AppContext } from "../infra/app-context.js";
import { verifySignature } from "../domain/orders/signature.js";
import { describeIssue, ZBindCodeRequest, ZOrderStatusUpdate, ZShopOrder } from "../domain/orders/order-input.js";
import { recordOrder } from "../services/orders/record-order.js";
import { updateOrderStatus } from "../services/orders/update-order-status.js";
import { createBindCode } from "../services/orders/create-bind-code.js";

export const SIGNATURE_HEADER = "x-siyu-signature";

/** Builds the API (not listening): tests call `inject`, the worker calls `listen`. */
export function buildHttpServer(app: AppContext): FastifyInstance {
  const server = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  server.removeAllContentTypeParsers();
  server.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  /** Signature, then JSON, then schema: the parsed body, or the reply already sent. */
  async function accept<T>(request: FastifyRequest, reply: FastifyReply, schema: z.ZodType<T>): Promise<T | undefined> {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signature = request.headers[SIGNATURE_HEADER];
    if (!verifySignature(raw, Array.isArray(signature) ? signature[0] : signature, app.config.http.shopSecret)) {
      await reply.code(401).send({ error: "bad_signature", message: "X-Siyu-Signature must be the hex HMAC-SHA256 of the body" });
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
    const outcome = await recordOrder(app.db, order, app.clock.now());
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
    const outcome = await updateOrderStatus(app.db, update, app.clock.now());
    if (outcome.kind === "notFound") return reply.code(404).send({ error: "not_found", message: "no such order" });
    if (outcome.kind === "notAllowed") {
      return reply.code(409).send({ error: "not_allowed", message: `an order that is ${outcome.from} cannot become ${outcome.to}` });
    }
    return reply.send({ result: outcome.kind, orderNo: outcome.order.orderNo, status: outcome.order.status });
  });

  server.post("/api/bind-codes", async (request, reply) => {
    const body = await accept(request, reply, ZBindCodeRequest);
    if (!body) return reply;
    const { code, expiresAt } = await createBindCode(app.db, { customerId: body.customerId, at: app.clock.now(), ttlMs: app.config.bind.ttlMs });
    return reply.code(201).send({ code, expiresAt: expiresAt.toISOString() });
  });

  server.get("/api/health", async () => ({ ok: true }));

  server.setErrorHandler(async (error, _request, reply) => {
    app.logger.error({ err: error }, "http error");
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    await reply.code(status >= 400 && status < 600 ? status : 500).send({ error: status === 500 ? "internal" : "bad_request", message: status === 500 ? "internal error" : (error as Error).message });
  });
  return server;
}

/** Starts listening on HTTP_HOST:HTTP_PORT; returns the server (close() it to stop). */
export async function startHttpServer(app: AppContext, port = app.config.http.port): Promise<FastifyInstance> {
  const server = buildHttpServer(app);
  await server.listen({ port, host: app.config.http.host });
  app.logger.info({ host: app.config.http.host, port }, "shop API listening");
  return server;
}
