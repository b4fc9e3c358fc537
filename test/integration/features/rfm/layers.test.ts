import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLayerSummary } from "../../../../src/features/rfm/read-layer-summary.js";
import { recomputeLayers } from "../../../../src/features/rfm/recompute-layers.js";
import { applyRuleTags } from "../../../../src/features/tags/apply-rule-tags.js";
import { editMemberTags, listMembersByTag } from "../../../../src/features/tags/edit-member-tags.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { loadConfig } from "../../../../src/kernel/config.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;
const at = new Date("2026-11-23T00:00:00Z");
const ago = (days: number) => new Date(at.getTime() - days * DAY);
const thresholds = loadConfig({}).rfm;

describe("RFM layers and rule tags", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
    // Each member designed for one layer with the default thresholds (30 d / 10 orders / ¥2,000; new 30 d; at risk 60 d; lost 120 d).
    const people: Array<[string, number, string]> = [
      ["vip", 400, "store_qr"], // 12 orders × ¥200, last 5 days ago → high value
      ["almostVip", 400, "parcel_card"], // 12 orders × ¥100 (¥1,200), last 5 days ago → potential
      ["fresh", 10, "referral"], // joined 10 days ago, 1 order → new
      ["freshNoOrder", 3, "unknown"], // joined 3 days ago, no order → new
      ["drifting", 300, "unknown"], // last order 90 days ago → at risk
      ["gone", 500, "unknown"], // last order 200 days ago → lost
      ["neverBought", 150, "unknown"], // joined 150 days ago, never ordered → lost
      ["lurker", 70, "unknown"], // joined 70 days ago, never ordered → at risk
    ];
    for (const [wechatId, joinedDaysAgo, joinSource] of people) {
      ids[wechatId] = (await app.db.member.create({ data: { wechatId, name: wechatId, firstSeenAt: ago(joinedDaysAgo), joinSource } })).id;
    }
    const order = (who: string, daysAgo: number, cents: number, n: number, categories: string[] = []) =>
      app.db.order.createMany({
        data: Array.from({ length: n }, (_, i) => ({
          orderNo: `${who}-${daysAgo}-${i}`,
          source: "shop" as const,
          memberId: ids[who]!,
          amountCents: cents,
          status: "paid" as const,
          placedAt: ago(daysAgo + i),
          paidAt: ago(daysAgo + i),
          categories,
        })),
      });
    await order("vip", 5, 20000, 12, ["护肤"]);
    await order("almostVip", 5, 10000, 12, ["彩妆"]);
    await order("fresh", 2, 5000, 1);
    await order("drifting", 90, 8000, 3);
    await order("gone", 200, 8000, 2);
    // A refunded order does not count.
    await app.db.order.create({
      data: { orderNo: "refund-1", source: "shop", memberId: ids.gone!, amountCents: 9000, status: "refunded", placedAt: ago(3) },
    });
  });
  afterAll(async () => cleanup?.());

  const layerTags = async () => {
    const rows = await app.db.memberTag.findMany({ where: { tag: { category: "layer" } }, include: { tag: true, member: true } });
    return Object.fromEntries(rows.map((r) => [r.member.wechatId, r.tag.name]));
  };

  it("gives every member exactly one layer, the one computed by hand", async () => {
    const result = await recomputeLayers(app, { at, thresholds });
    expect(result.members).toBe(8);
    expect(await layerTags()).toEqual({
      vip: "高价值",
      almostVip: "潜力",
      fresh: "新用户",
      freshNoOrder: "新用户",
      drifting: "流失风险",
      gone: "流失",
      neverBought: "流失",
      lurker: "流失风险",
    });
    const rfm = await app.db.memberRfm.findUniqueOrThrow({ where: { memberId: ids.vip! } });
    expect(rfm).toMatchObject({ orders: 12, monetaryCents: 240000n, layer: "high_value" });
    expect(await app.db.memberTag.count({ where: { tag: { category: "layer" } } })).toBe(8);
  });

  it("keeps layer changes as history and moves the tag", async () => {
    await app.db.order.create({
      data: {
        orderNo: "comeback",
        source: "shop",
        memberId: ids.drifting!,
        amountCents: 9900,
        status: "paid",
        placedAt: ago(1),
        paidAt: ago(1),
      },
    });
    const result = await recomputeLayers(app, { at, thresholds });
    expect(result.changes).toBe(1);
    expect((await layerTags()).drifting).toBe("潜力");
    const summary = await readLayerSummary(app, { since: ago(7) });
    expect(summary.moves).toEqual([{ from: "at_risk", to: "potential", members: 1 }]);
    expect(summary.counts).toMatchObject({ high_value: 1, potential: 2, new: 2, at_risk: 1, lost: 2 });
    expect(await app.db.memberTag.count({ where: { memberId: ids.drifting!, tag: { category: "layer" } } })).toBe(1);
  });

  it("applies rule tags without ever removing a manual tag", async () => {
    await app.db.interactionDaily.create({ data: { memberId: ids.vip!, day: new Date("2026-11-21"), messages: 9 } });
    // An operator tags the lurker 沉默 by hand, and gives the vip a custom tag.
    await app.db.tag.upsert({
      where: { category_name: { category: "interaction", name: "沉默" } },
      create: { category: "interaction", name: "沉默" },
      update: {},
    });
    const silent = await app.db.tag.findFirstOrThrow({ where: { category: "interaction", name: "沉默" } });
    await app.db.memberTag.create({ data: { memberId: ids.freshNoOrder!, tagId: silent.id, source: "manual" } });
    await editMemberTags(app, { memberId: ids.vip!, add: ["VIP"], remove: [], at });

    const rules = { at, timeZone: "Asia/Shanghai", activeMessages7d: 5, silentDays: 30 };
    await applyRuleTags(app, rules);
    await applyRuleTags(app, rules); // twice: idempotent
    const tags = async (who: string) =>
      (await app.db.memberTag.findMany({ where: { memberId: ids[who]! }, include: { tag: true } }))
        .map((t) => `${t.tag.category}:${t.tag.name}:${t.source}`)
        .sort();
    expect(await tags("vip")).toEqual([
      "channel:门店扫码:rule",
      "custom:VIP:manual",
      "interaction:活跃:rule",
      "layer:高价值:rfm",
      "preference:护肤:rule",
    ]);
    expect(await tags("gone")).toContain("interaction:沉默:rule");
    // Joined 3 days ago: not silent by rule, but the operator's manual tag stays.
    expect(await tags("freshNoOrder")).toEqual(["interaction:沉默:manual", "layer:新用户:rfm"]);
    // A rule tag that no longer holds goes; manual ones stay.
    await app.db.interactionDaily.deleteMany({});
    await applyRuleTags(app, rules);
    expect(await tags("vip")).not.toContain("interaction:活跃:rule");
    expect(await tags("vip")).toContain("custom:VIP:manual");
    expect(await tags("freshNoOrder")).toContain("interaction:沉默:manual");
    await recomputeLayers(app, { at, thresholds });
    expect(await tags("vip")).toContain("custom:VIP:manual");
  });

  it("lists the members of a tag name once each, whatever categories carry the name", async () => {
    // The vip holds a manual 护肤 and the rule preference 护肤 (from the earlier rule run).
    await editMemberTags(app, { memberId: ids.vip!, add: ["护肤"], remove: [], at });
    await editMemberTags(app, { memberId: ids.gone!, add: ["护肤"], remove: [], at });
    expect(await app.db.memberTag.count({ where: { memberId: ids.vip!, tag: { name: "护肤" } } })).toBe(2);
    expect(await listMembersByTag(app, { name: "护肤" })).toEqual({ count: 2, names: ["vip", "gone"] });
  });

  it("refuses a manual tag named like a layer (layers are computed), and adds none of that edit's tags", async () => {
    const before = await app.db.memberTag.count({ where: { memberId: ids.gone! } });
    expect(await editMemberTags(app, { memberId: ids.gone!, add: ["老客", "高价值"], remove: [], at })).toEqual({
      kind: "layerName",
      names: ["高价值"],
    });
    expect(await app.db.memberTag.count({ where: { memberId: ids.gone! } })).toBe(before);
    expect(await app.db.tag.count({ where: { category: "custom", name: "高价值" } })).toBe(0);
  });

  it("draws DOMAIN.md's cut-offs in SQL as the rules do: high value ≤ 30 days, lost only past 120 days", async () => {
    ids.edgeVip = (await app.db.member.create({ data: { wechatId: "edgeVip", name: "edgeVip", firstSeenAt: ago(400) } })).id;
    ids.edge120 = (await app.db.member.create({ data: { wechatId: "edge120", name: "edge120", firstSeenAt: ago(400) } })).id;
    ids.edgeJoined120 = (
      await app.db.member.create({ data: { wechatId: "edgeJoined120", name: "edgeJoined120", firstSeenAt: ago(120) } })
    ).id;
    const paid = (who: string, daysAgo: number, cents: number) => ({
      orderNo: `edge-${who}-${daysAgo}`,
      source: "shop" as const,
      memberId: ids[who]!,
      amountCents: cents,
      status: "paid" as const,
      placedAt: ago(daysAgo),
      paidAt: ago(daysAgo),
    });
    await app.db.order.createMany({
      data: [...Array.from({ length: 10 }, (_, i) => paid("edgeVip", 30 + i, 20000)), paid("edge120", 120, 8000)],
    });
    await recomputeLayers(app, { at, thresholds });
    const tags = await layerTags();
    expect(tags.edgeVip).toBe("高价值"); // last order exactly 30 days ago
    expect(tags.edge120).toBe("流失风险"); // exactly 120 days: still at risk
    expect(tags.edgeJoined120).toBe("流失风险");
  });
});
