import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCoupon } from "../../../src/features/coupons/issue-coupon.js";
import { bindCustomer } from "../../../src/features/orders/bind-customer.js";
import { importOrders, MISSING_PLACED_AT } from "../../../src/features/orders/import-orders.js";
import { recordOrder } from "../../../src/features/orders/record-order.js";
import { signBody, signedHeaders } from "../../../src/features/orders/rules/signature.js";
import { readWinbackReport } from "../../../src/features/winback/read-winback-report.js";
import { buildHttpServer, startHttpServer } from "../../../src/http/server.js";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { loadConfig } from "../../../src/kernel/config.js";
import { startEntry } from "../../support/run-entry.js";
import { createShopTestApp, signedPost } from "../../support/shop-client.js";

const SECRET = "test-secret-0123456789";

describe("the shop API", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let http: FastifyInstance;
  /** The shop's headers for a POST (timestamp, a new nonce, signature); `headers` override them. */
  const sign = (url: string, raw: string | Buffer) => signedHeaders(SECRET, { method: "POST", path: url, body: raw, at: app.clock.now() });
  /** A POST signed as the shop signs it; `headers` override or add (a forged signature, a reused nonce). */
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    signedPost(http, SECRET, url, body, { at: app.clock.now(), headers });
  const bindAttempt = (memberId: number, code: string) =>
    bindCustomer(app, { memberId, code, at: app.clock.now(), guessesPerHour: 5, limitKey: app.key("bind-guesses", memberId) });

  beforeAll(async () => {
    ({ app, http, cleanup } = await createShopTestApp({ SHOP_API_SECRET: SECRET }));
  });
  afterAll(async () => cleanup?.());

  it("stores a valid signed order; a replay is a no-op", async () => {
    const order = { orderId: "T-1", customerId: "c-1", amountCents: 25900, categories: ["护肤"] };
    const first = await post("/api/orders", order);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ result: "created", status: "paid", memberBound: false });
    const again = await post("/api/orders", order);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ result: "duplicate", orderNo: first.json().orderNo });
    expect(await app.db.order.count({ where: { externalId: "T-1" } })).toBe(1);
    const row = await app.db.order.findUniqueOrThrow({ where: { externalId: "T-1" } });
    expect(row).toMatchObject({ amountCents: 25900, source: "shop", categories: ["护肤"], shopCustomerId: "c-1" });
  });

  it("refuses a bad signature with 401 and writes nothing", async () => {
    const before = await app.db.order.count();
    const response = await post(
      "/api/orders",
      { orderId: "T-evil", amountCents: 1 },
      { "x-siyu-signature": sign("/api/orders", "{}")["x-siyu-signature"]! },
    );
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: "bad_signature", field: "X-Siyu-Signature" });
    const unsigned = await post("/api/orders", { orderId: "T-evil", amountCents: 1 }, { "x-siyu-signature": "" });
    expect(unsigned.statusCode).toBe(401);
    // Signed for another endpoint: refused here.
    const body = JSON.stringify({ orderId: "T-evil", amountCents: 1 });
    expect((await post("/api/orders", body, sign("/api/orders/status", body))).statusCode).toBe(401);
    expect(await app.db.order.count()).toBe(before);
  });

  it("answers malformed bodies with 400 naming the field", async () => {
    const broken = await post("/api/orders", "{not json");
    expect(broken.statusCode).toBe(400);
    const bad = await post("/api/orders", { orderId: "T-2", amountCents: 12.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: "invalid", field: "amountCents" });
    const missing = await post("/api/orders", { amountCents: 100 });
    expect(missing.json()).toMatchObject({ field: "orderId" });
    expect(await app.db.order.count({ where: { externalId: "T-2" } })).toBe(0);
  });

  it("accepts status updates by the shop's id and by our orderNo", async () => {
    await post("/api/orders", { orderId: "T-3", amountCents: 500, status: "pending" });
    expect((await post("/api/orders/status", { orderId: "T-3", status: "paid" })).json()).toMatchObject({
      result: "updated",
      status: "paid",
    });
    const row = await app.db.order.findUniqueOrThrow({ where: { externalId: "T-3" } });
    expect(row.paidAt).not.toBeNull();
    const flash = await app.db.order.create({ data: { orderNo: "FLASH123", source: "flash_sale", amountCents: 990 } });
    expect((await post("/api/orders/status", { orderNo: flash.orderNo, status: "paid" })).json()).toMatchObject({ status: "paid" });
    expect((await post("/api/orders/status", { orderNo: flash.orderNo, status: "refunded" })).json()).toMatchObject({ status: "refunded" });
    expect((await post("/api/orders/status", { orderNo: "nope", status: "paid" })).statusCode).toBe(404);
  });

  it("binds a customer once with a code; orders kept so far attach; the coupon then redeems once", async () => {
    const member = await app.db.member.create({ data: { wechatId: "shopper", name: "Shopper" } });
    await post("/api/orders", { orderId: "T-4", customerId: "c-9", amountCents: 100 });
    const codeResponse = await post("/api/bind-codes", { customerId: "c-9" });
    expect(codeResponse.statusCode).toBe(201);
    const { code } = codeResponse.json() as { code: string };
    expect(code).toMatch(/^\d{6}$/);
    expect(await bindAttempt(member.id, code)).toMatchObject({ kind: "bound", shopCustomerId: "c-9", attachedOrders: 1 });
    const other = await app.db.member.create({ data: { wechatId: "thief", name: "Thief" } });
    expect(await bindAttempt(other.id, code)).toMatchObject({ kind: "invalid" });

    const issued = await issueCoupon(app, { templateName: "满200减30", memberId: member.id, at: app.clock.now() });
    if (issued.kind !== "issued") throw new Error(issued.kind);
    const small = await post("/api/orders", { orderId: "T-5", customerId: "c-9", amountCents: 10000, couponCode: issued.coupon.code });
    expect(small.json()).toMatchObject({ coupon: { status: "refused", reason: "belowMinSpend" } });
    const ok = await post("/api/orders", { orderId: "T-6", customerId: "c-9", amountCents: 30000, couponCode: issued.coupon.code });
    expect(ok.json()).toMatchObject({ memberBound: true, coupon: { status: "redeemed" } });
    const twice = await post("/api/orders", { orderId: "T-7", customerId: "c-9", amountCents: 30000, couponCode: issued.coupon.code });
    expect(twice.json()).toMatchObject({ coupon: { status: "refused", reason: "alreadyRedeemed" } });
    const coupon = await app.db.coupon.findUniqueOrThrow({ where: { id: issued.coupon.id }, include: { redeemedOrder: true } });
    expect(coupon.redeemedOrder?.externalId).toBe("T-6");
  });

  it("refuses an expired bind code and limits guesses", async () => {
    const member = await app.db.member.create({ data: { wechatId: "guesser", name: "Guesser" } });
    await app.db.bindCode.create({
      data: { code: "111111", shopCustomerId: "c-old", expiresAt: new Date(app.clock.now().getTime() - 1000) },
    });
    expect(await bindAttempt(member.id, "111111")).toMatchObject({ kind: "expired" });
    for (let i = 0; i < 4; i++) expect((await bindAttempt(member.id, "999999")).kind).not.toBe("rateLimited");
    expect(await bindAttempt(member.id, "999999")).toMatchObject({ kind: "rateLimited" });
    // Even the right code is refused once the guesses are spent.
    const fresh = await post("/api/bind-codes", { customerId: "c-10" });
    expect(await bindAttempt(member.id, fresh.json().code)).toMatchObject({ kind: "rateLimited" });
    expect(await app.db.customerLink.count({ where: { shopCustomerId: "c-10" } })).toBe(0);
  });

  it("imports a CSV with the API's idempotency, reporting skipped rows with reasons", async () => {
    const csv = [
      "order_id,customer_id,amount_cents,status,placed_at,categories",
      "I-1,c-1,12900,paid,2026-10-01T10:00:00+08:00,护肤|彩妆",
      "I-2,c-2,abc,paid,,",
      "I-1,c-1,12900,paid,,",
      ",c-3,100,paid,,",
      "T-1,c-1,25900,paid,,",
    ].join("\n");
    const first = await importOrders(app, Readable.from([csv]), { at: app.clock.now() });
    expect(first).toMatchObject({ rows: 5, imported: 1, skipped: 4 });
    expect(first.reasons).toEqual({
      "amountCents: must be a whole number of cents": 1,
      duplicate: 2,
      "orderId: is required (the shop's order id)": 1,
    });
    const again = await importOrders(app, Readable.from([csv]), { at: app.clock.now() });
    expect(again.imported).toBe(0);
    expect(await app.db.order.findUniqueOrThrow({ where: { externalId: "I-1" } })).toMatchObject({
      source: "import",
      categories: ["护肤", "彩妆"],
      amountCents: 12900,
    });
  });

  it("gives a coupon back when its order is cancelled or refunded, once; the win-back report does not count it", async () => {
    const member = await app.db.member.create({ data: { wechatId: "returner", name: "Returner" } });
    await app.db.customerLink.create({ data: { shopCustomerId: "c-ret", memberId: member.id, linkedAt: app.clock.now() } });
    const run = await app.db.winbackRun.create({
      data: { runKey: "release", holdoutShare: 0, startedAt: new Date(app.clock.now().getTime() - 60_000) },
    });
    await app.db.winbackTarget.create({
      data: { runId: run.id, memberId: member.id, layer: "at_risk", holdout: false, selectedAt: run.startedAt },
    });
    const coupon = async () => {
      const issued = await issueCoupon(app, {
        templateName: "满200减30",
        memberId: member.id,
        campaign: `winback:${run.id}`,
        at: app.clock.now(),
      });
      if (issued.kind !== "issued") throw new Error(issued.kind);
      return issued.coupon;
    };
    const pending = await coupon();
    const placed = await post("/api/orders", {
      orderId: "T-rel-1",
      customerId: "c-ret",
      amountCents: 30000,
      status: "pending",
      couponCode: pending.code,
    });
    expect(placed.json()).toMatchObject({ coupon: { status: "redeemed" } });
    expect(await readWinbackReport(app, { runId: run.id, at: app.clock.now() })).toMatchObject({ kind: "report", report: { redeemed: 1 } });
    expect((await post("/api/orders/status", { orderId: "T-rel-1", status: "cancelled" })).json()).toMatchObject({ status: "cancelled" });
    expect(await app.db.coupon.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      redeemedAt: null,
      redeemedOrderId: null,
      expiredAt: null,
    });
    expect(await readWinbackReport(app, { runId: run.id, at: app.clock.now() })).toMatchObject({ kind: "report", report: { redeemed: 0 } });
    // Cancelled again (a replay): nothing changes; the coupon is usable on another order.
    expect((await post("/api/orders/status", { orderId: "T-rel-1", status: "cancelled" })).json()).toMatchObject({ result: "unchanged" });
    expect(
      (await post("/api/orders", { orderId: "T-rel-2", customerId: "c-ret", amountCents: 30000, couponCode: pending.code })).json(),
    ).toMatchObject({ coupon: { status: "redeemed" } });

    // Refunded: released too; a coupon whose time passed meanwhile comes back expired, not usable.
    const expiring = await coupon();
    await post("/api/orders", { orderId: "T-rel-3", customerId: "c-ret", amountCents: 30000, couponCode: expiring.code });
    await app.db.coupon.update({ where: { id: expiring.id }, data: { expiresAt: new Date(app.clock.now().getTime() - 1000) } });
    expect((await post("/api/orders/status", { orderId: "T-rel-3", status: "refunded" })).json()).toMatchObject({ status: "refunded" });
    const back = await app.db.coupon.findUniqueOrThrow({ where: { id: expiring.id } });
    expect(back).toMatchObject({ redeemedAt: null, redeemedOrderId: null });
    expect(back.expiredAt).not.toBeNull();
  });

  it("redeems on a replay when the first attempt stored the order but died before the redemption", async () => {
    const member = await app.db.member.create({ data: { wechatId: "crashy", name: "Crashy" } });
    await app.db.customerLink.create({ data: { shopCustomerId: "c-crash", memberId: member.id, linkedAt: app.clock.now() } });
    const issued = await issueCoupon(app, { templateName: "满200减30", memberId: member.id, at: app.clock.now() });
    if (issued.kind !== "issued") throw new Error(issued.kind);
    // What the dead attempt left: the order with its code, the coupon unused.
    const order = await app.db.order.create({
      data: {
        orderNo: "S-CRASH",
        source: "shop",
        externalId: "T-crash",
        memberId: member.id,
        shopCustomerId: "c-crash",
        amountCents: 30000,
        status: "paid",
        couponCode: issued.coupon.code,
        placedAt: app.clock.now(),
      },
    });
    const body = { orderId: "T-crash", customerId: "c-crash", amountCents: 30000, couponCode: issued.coupon.code };
    const replayed = await post("/api/orders", body);
    expect(replayed.json()).toMatchObject({ result: "duplicate", coupon: { status: "redeemed", replay: false } });
    expect((await app.db.coupon.findUniqueOrThrow({ where: { id: issued.coupon.id } })).redeemedOrderId).toBe(order.id);
    // Once repaired, a replay is a plain no-op again.
    expect((await post("/api/orders", body)).json()).toEqual(expect.objectContaining({ result: "duplicate" }));
    expect((await app.db.coupon.findUniqueOrThrow({ where: { id: issued.coupon.id } })).redeemedOrderId).toBe(order.id);
  });

  it("attaches an order that arrives while its customer is being bound", async () => {
    const member = await app.db.member.create({ data: { wechatId: "racer", name: "Racer" } });
    await post("/api/orders", { orderId: "T-race-1", customerId: "c-race", amountCents: 100 });
    const { code } = (await post("/api/bind-codes", { customerId: "c-race" })).json() as { code: string };
    // Hold the customer's first order so the bind stops inside its transaction, link written, not committed.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = app.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM orders WHERE external_id = 'T-race-1' FOR UPDATE`;
        locked();
        await held;
      },
      { timeout: 20_000 },
    );
    await isLocked;
    // Sessions of this test's database blocked on a lock: the bind on the held order, then the order on the bind.
    const lockWaiters = () =>
      app.db.$queryRaw<
        Array<{ n: number }>
      >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.then(
        ([row]) => row!.n,
      );
    const binding = bindAttempt(member.id, code);
    await expect.poll(lockWaiters).toBe(1);
    const recording = recordOrder(
      app,
      { orderId: "T-race-2", customerId: "c-race", amountCents: 200, status: "paid", categories: [] },
      app.clock.now(),
    );
    await expect.poll(lockWaiters).toBe(2);
    release();
    await holder;
    expect(await binding).toMatchObject({ kind: "bound" });
    await recording;
    const orders = await app.db.order.findMany({ where: { shopCustomerId: "c-race" } });
    expect(orders.map((o) => [o.externalId, o.memberId]).sort()).toEqual([
      ["T-race-1", member.id],
      ["T-race-2", member.id],
    ]);
  });

  it("reads a signed body sent as text/plain as the JSON it is", async () => {
    const body = JSON.stringify({ orderId: "T-text", amountCents: 100 });
    const response = await http.inject({
      method: "POST",
      url: "/api/orders",
      payload: body,
      headers: { "content-type": "text/plain", ...sign("/api/orders", body) },
    });
    expect(response.statusCode).toBe(201);
    expect(await app.db.order.count({ where: { externalId: "T-text" } })).toBe(1);
  });

  it("skips malformed CSV rows with their line and new orders without placed_at, and the command always prints its summary", async () => {
    const csv = [
      "order_id,customer_id,amount_cents,status,placed_at,paid_at,categories,coupon_code",
      "M-1,c-1,100,paid,2026-09-01T10:00:00+08:00,,,",
      "M-2,c-1,100",
      'M-3,c-1,100,paid,2026-09-01T10:00:00+08:00,,"护肤"x,',
      "M-4,c-1,100,paid,,,,",
      "M-5,c-1,200,paid,2026-09-02T10:00:00+08:00,,,",
    ].join("\n");
    const summary = await importOrders(app, Readable.from([csv]), { at: app.clock.now() });
    expect(summary).toMatchObject({ rows: 5, imported: 2, skipped: 3 });
    expect(summary.reasons[MISSING_PLACED_AT]).toBe(1);
    expect(Object.keys(summary.reasons).filter((r) => /^line 3: 3 columns/.test(r))).toHaveLength(1);
    expect(Object.keys(summary.reasons).filter((r) => /^line 4: Invalid Closing Quote/.test(r))).toHaveLength(1);
    expect(await app.db.order.count({ where: { externalId: { in: ["M-1", "M-5"] } } })).toBe(2);

    const dir = await mkdtemp(path.join(tmpdir(), "siyu-import-"));
    const file = path.join(dir, "orders.csv");
    await writeFile(file, csv.replace(/M-/g, "N-"));
    const run = await startEntry("src/main/import-orders.ts", [file], { DATABASE_URL: app.config.databaseUrl, LOG_LEVEL: "silent" })
      .finished;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("rows: 5\nimported: 2\nskipped: 3");
    expect(run.stdout).toMatch(/1 × .*line 3/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    // A file it cannot read at all still gets its (empty) summary and a one-line reason, exit 1.
    await writeFile(file, '"order_id,amount_cents\nX-1,100\n');
    const broken = await startEntry("src/main/import-orders.ts", [file], { DATABASE_URL: app.config.databaseUrl, LOG_LEVEL: "silent" })
      .finished;
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("rows: 0\nimported: 0\nskipped: 0");
    expect(broken.stderr).toContain("import stopped: line 1: the header cannot be read");
    expect(broken.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("refuses a replayed request (its nonce seen before) with 409, and writes nothing", async () => {
    const body = JSON.stringify({ customerId: "c-victim" });
    const captured = sign("/api/bind-codes", body);
    expect((await post("/api/bind-codes", body, captured)).statusCode).toBe(201);
    const replays = [];
    for (let i = 0; i < 5; i++) replays.push(await post("/api/bind-codes", body, captured));
    expect(replays.map((r) => r.statusCode)).toEqual([409, 409, 409, 409, 409]);
    expect(replays[0]!.json()).toMatchObject({ error: "replayed_nonce", field: "X-Siyu-Nonce" });
    expect(await app.db.bindCode.count({ where: { shopCustomerId: "c-victim" } })).toBe(1);
    // A captured status change cannot be played again either (here: after the order went on to refunded).
    await post("/api/orders", { orderId: "T-replay", amountCents: 100, status: "pending" });
    const paid = JSON.stringify({ orderId: "T-replay", status: "paid" });
    const paidHeaders = sign("/api/orders/status", paid);
    expect((await post("/api/orders/status", paid, paidHeaders)).statusCode).toBe(200);
    expect((await post("/api/orders/status", paid, paidHeaders)).statusCode).toBe(409);
  });

  it("serves one of 200 identical captured requests at once and refuses the other 199", async () => {
    const body = JSON.stringify({ customerId: "c-burst" });
    const captured = sign("/api/bind-codes", body);
    const answers = await Promise.all(Array.from({ length: 200 }, () => post("/api/bind-codes", body, captured)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(await app.db.bindCode.count({ where: { shopCustomerId: "c-burst" } })).toBe(1);
  });

  it("keeps one live bind code per customer: 200 requests at once, each validly signed, get the same code", async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, () => post("/api/bind-codes", { customerId: "c-many" })));
    expect(answers.filter((a) => a.statusCode >= 300).map((a) => a.body)).toEqual([]);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(1);
    expect(answers.find((a) => a.statusCode === 200)!.json()).toMatchObject({ result: "live", code: answers[0]!.json().code });
    expect(await app.db.bindCode.count({ where: { shopCustomerId: "c-many", usedAt: null, expiresAt: { gt: app.clock.now() } } })).toBe(1);
  });

  it("refuses a timestamp outside the window either way, and a request without timestamp or nonce, with 401", async () => {
    const url = "/api/bind-codes";
    const body = JSON.stringify({ customerId: "c-late" });
    const now = app.clock.now().getTime();
    const at = (offsetMs: number) => signedHeaders(SECRET, { method: "POST", path: url, body, at: new Date(now + offsetMs) });
    const send = (headers: Record<string, string>) => http.inject({ method: "POST", url, payload: body, headers });
    const old = await send(at(-301_000));
    expect(old.statusCode).toBe(401);
    expect(old.json()).toMatchObject({ error: "stale_timestamp", field: "X-Siyu-Timestamp" });
    expect(old.json().message).toMatch(/±300 s/);
    expect((await send(at(301_000))).json()).toMatchObject({ error: "stale_timestamp" });
    // Milliseconds instead of seconds: told to send seconds.
    expect((await send({ ...at(0), "x-siyu-timestamp": String(now) })).json()).toMatchObject({
      error: "bad_timestamp",
      message: expect.stringMatching(/unix seconds/),
    });
    const { "x-siyu-timestamp": _t, ...noTimestamp } = at(0);
    expect((await send(noTimestamp)).json()).toMatchObject({ error: "missing_timestamp" });
    const { "x-siyu-nonce": _n, ...noNonce } = at(0);
    expect((await send(noNonce)).json()).toMatchObject({ error: "missing_nonce" });
    const short = signedHeaders(SECRET, { method: "POST", path: url, body, at: new Date(now), nonce: "abc" });
    expect((await send(short)).json()).toMatchObject({ error: "bad_nonce", field: "X-Siyu-Nonce" });
    expect((await send({ ...at(0), "x-siyu-timestamp": "12.5" })).json()).toMatchObject({ error: "bad_timestamp" });
    // The old body-only signature is refused (SHOP_API_LEGACY_SIGNATURE is off by default).
    expect((await send({ "x-siyu-signature": signBody(body, SECRET) })).json()).toMatchObject({ error: "missing_timestamp" });
    expect(await app.db.bindCode.count({ where: { shopCustomerId: "c-late" } })).toBe(0);
    // Inside the window: accepted.
    expect((await send(at(-290_000))).statusCode).toBe(201);
  });

  it("accepts the body-only signature only with SHOP_API_LEGACY_SIGNATURE=true (the signed scheme too)", async () => {
    expect(loadConfig({ ...process.env, SHOP_API_LEGACY_SIGNATURE: "true" }).http.legacySignature).toBe(true);
    expect(app.config.http.legacySignature).toBe(false);
    const legacy = buildHttpServer({ ...app, config: { ...app.config, http: { ...app.config.http, legacySignature: true } } });
    try {
      const send = (body: string, headers: Record<string, string>) =>
        legacy.inject({ method: "POST", url: "/api/orders", payload: body, headers });
      const old = JSON.stringify({ orderId: "T-legacy-1", amountCents: 100 });
      expect((await send(old, { "x-siyu-signature": signBody(old, SECRET) })).statusCode).toBe(201);
      expect((await send(old, { "x-siyu-signature": `${signBody(old, SECRET)}zz` })).statusCode).toBe(401);
      const signed = JSON.stringify({ orderId: "T-legacy-2", amountCents: 100 });
      const headers = sign("/api/orders", signed);
      expect((await send(signed, headers)).statusCode).toBe(201);
      expect((await send(signed, headers)).statusCode).toBe(409);
    } finally {
      await legacy.close();
    }
  });

  it("refuses NUL bytes and lone surrogates with 400 naming the field, writing nothing (a 5xx would be retried forever)", async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["/api/orders", { orderId: "T-nul\u0000", amountCents: 100 }, "orderId"],
      ["/api/orders", { orderId: "T-sur\ud800", amountCents: 100 }, "orderId"],
      ["/api/orders", { orderId: "T-bad-c1", customerId: "c\u0000", amountCents: 100 }, "customerId"],
      ["/api/orders", { orderId: "T-bad-c2", customerId: "c\udc00x", amountCents: 100 }, "customerId"],
      ["/api/orders", { orderId: "T-bad-cat1", amountCents: 100, categories: ["护肤", "x\u0000"] }, "categories.1"],
      ["/api/orders", { orderId: "T-bad-cat2", amountCents: 100, categories: ["\ud83dx"] }, "categories.0"],
      ["/api/orders", { orderId: "T-bad-cp1", amountCents: 100, couponCode: "ABCD\u0000EF" }, "couponCode"],
      ["/api/orders", { orderId: "T-bad-cp2", amountCents: 100, couponCode: "ABCD\udfffEF" }, "couponCode"],
      ["/api/orders/status", { orderId: "T-1\u0000", status: "paid" }, "orderId"],
      ["/api/orders/status", { orderNo: "S\ud800", status: "paid" }, "orderNo"],
      ["/api/bind-codes", { customerId: "c\u0000" }, "customerId"],
      ["/api/bind-codes", { customerId: "c\ud800" }, "customerId"],
    ];
    const before = { orders: await app.db.order.count(), codes: await app.db.bindCode.count() };
    const answers = [];
    // JSON.stringify writes a lone surrogate as the escape \\udXXX, as a shop's serialiser would.
    for (const [url, body] of cases) answers.push(await post(url, JSON.stringify(body)));
    expect(answers.map((a) => `${a.statusCode} ${a.json().field}`)).toEqual(cases.map(([, , field]) => `400 ${field}`));
    expect(answers.map((a) => a.json().error)).toEqual(cases.map(() => "invalid"));
    expect({ orders: await app.db.order.count(), codes: await app.db.bindCode.count() }).toEqual(before);
    // A paired surrogate (an emoji) is fine.
    expect((await post("/api/orders", { orderId: "T-emoji", amountCents: 100, categories: ["🧴护肤"] })).statusCode).toBe(201);
  });

  it("answers other bad input with 4xx, never 500", async () => {
    const bodies = [
      "",
      "null",
      "[]",
      "42",
      '"x"',
      '{"orderId":{"a":1},"amountCents":1}',
      '{"orderId":"T-big","amountCents":1e400}',
      '{"orderId":"T-far","amountCents":1,"placedAt":"9999-12-31T23:59:59-23:59"}',
      '{"orderId":"T-early","amountCents":1,"placedAt":"0000-01-01T00:00:00+14:00"}',
      '{"orderId":"T-proto","amountCents":1,"__proto__":{"x":1}}',
      "[".repeat(10_000) + "]".repeat(10_000),
      '\uFEFF{"orderId":"T-bom","amountCents":1}',
    ];
    const answers = [];
    for (const body of bodies) answers.push(`${(await post("/api/orders", body)).statusCode} ${body.slice(0, 60)}`);
    expect(answers.filter((a) => a.startsWith("5"))).toEqual([]);
    const invalidUtf8 = Buffer.concat([Buffer.from('{"orderId":"T-'), Buffer.from([0xff, 0xfe]), Buffer.from('","amountCents":1}')]);
    const response = await http.inject({
      method: "POST",
      url: "/api/orders",
      payload: invalidUtf8,
      headers: { "content-type": "application/json", ...sign("/api/orders", invalidUtf8) },
    });
    expect(response.statusCode).toBeLessThan(500);
  });

  it("refuses a signature with trailing garbage after the valid hex", async () => {
    const body = JSON.stringify({ orderId: "T-garbage", amountCents: 100 });
    for (const suffix of ["zz", " x", "0", "00"]) {
      const headers = sign("/api/orders", body);
      const response = await post("/api/orders", body, { ...headers, "x-siyu-signature": headers["x-siyu-signature"] + suffix });
      expect([suffix, response.statusCode]).toEqual([suffix, 401]);
    }
    expect(await app.db.order.count({ where: { externalId: "T-garbage" } })).toBe(0);
  });

  it("reads the body whatever the content type says, even a list of types or none", async () => {
    const send = (id: string, headers: Record<string, string>) => {
      const body = JSON.stringify({ orderId: id, amountCents: 100 });
      return http.inject({ method: "POST", url: "/api/orders", payload: body, headers: { ...headers, ...sign("/api/orders", body) } });
    };
    expect((await send("T-ct-1", { "content-type": "application/json, text/plain" })).statusCode).toBe(201);
    expect((await send("T-ct-2", { "content-type": "application/x-www-form-urlencoded" })).statusCode).toBe(201);
    expect((await send("T-ct-3", { "content-type": ";;;" })).statusCode).toBe(201);
    expect((await send("T-ct-4", {})).statusCode).toBe(201);
  });

  it("answers a replayed order id with a different body 409 naming the fields, with the stored order; an identical replay stays a 200 duplicate", async () => {
    const order = { orderId: "T-conf", customerId: "c-conf", amountCents: 25900, categories: ["护肤"], couponCode: "NOSUCHCODE" };
    expect((await post("/api/orders", order)).statusCode).toBe(201);
    expect((await post("/api/orders", order)).json()).toMatchObject({ result: "duplicate" });
    const changed = await post("/api/orders", { ...order, amountCents: 100, categories: ["彩妆"] });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({
      error: "conflict",
      fields: ["amountCents", "categories"],
      order: {
        orderId: "T-conf",
        customerId: "c-conf",
        amountCents: 25900,
        categories: ["护肤"],
        couponCode: "NOSUCHCODE",
        status: "paid",
      },
    });
    const other = await post("/api/orders", { ...order, customerId: "c-other", couponCode: "OTHERCODE" });
    expect(other.json()).toMatchObject({ error: "conflict", fields: ["customerId", "couponCode"] });
    // A different body with a later status is still a conflict: nothing is applied.
    expect((await post("/api/orders", { ...order, amountCents: 1, status: "refunded" })).statusCode).toBe(409);
    expect(await app.db.order.findUniqueOrThrow({ where: { externalId: "T-conf" } })).toMatchObject({
      amountCents: 25900,
      status: "paid",
      categories: ["护肤"],
    });
    // Fields the replay leaves out are not a conflict (a status update may send less).
    expect((await post("/api/orders", { orderId: "T-conf", amountCents: 25900, status: "refunded" })).json()).toMatchObject({
      result: "updated",
      status: "refunded",
    });
  });

  it("serves the same over a real socket (the worker's listener)", async () => {
    const server = await startHttpServer(app, 0);
    try {
      const address = server.server.address() as import("node:net").AddressInfo;
      const body = JSON.stringify({ orderId: "T-net", amountCents: 100, status: "pending" });
      const send = (headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${address.port}/api/orders`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json; charset=utf-8", ...headers },
        });
      expect((await send({ ...sign("/api/orders", body), "x-siyu-signature": "00" })).status).toBe(401);
      const ok = await send(sign("/api/orders", body));
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({ result: "created", status: "pending" });
    } finally {
      await server.close();
    }
  });
});
