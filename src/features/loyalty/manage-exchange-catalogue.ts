import type { AppContext } from "../../kernel/app-context.js";
import type { ExchangeItem } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { listCouponTemplates } from "../coupons/index.js";

export type AddExchangeItemOutcome = { kind: "added"; item: ExchangeItem } | { kind: "noSuchTemplate"; names: string[] };

/**
 * 兑换 新增: an item of the catalogue. A name that is a coupon template's gives that coupon; any other
 * name is a gift an operator hands out (the redemption is recorded, nothing issued).
 */
export async function addExchangeItem(
  app: AppContext,
  input: { name: string; points: number; stock?: number; gift?: boolean },
): Promise<AddExchangeItemOutcome> {
  const templates = await listCouponTemplates(app);
  const template = templates.find((t) => t.name === input.name);
  if (!template && !input.gift) return { kind: "noSuchTemplate", names: templates.map((t) => t.name) };
  const item = await app.db.exchangeItem.create({
    data: {
      name: input.name,
      points: input.points,
      couponTemplateId: template?.id ?? null,
      giftName: template ? null : input.name,
      stock: input.stock ?? null,
    },
  });
  return { kind: "added", item };
}

/** 兑换 下架 3: withdrawn items stay in the reports but can no longer be redeemed. */
export async function withdrawExchangeItem(
  app: AppContext,
  input: { itemId: number },
): Promise<{ kind: "withdrawn"; item: ExchangeItem } | NotFound> {
  const moved = await app.db.exchangeItem.updateMany({ where: { id: input.itemId, active: true }, data: { active: false } });
  if (moved.count === 0) return notFound;
  return { kind: "withdrawn", item: await app.db.exchangeItem.findUniqueOrThrow({ where: { id: input.itemId } }) };
}

/** The items members can redeem now, cheapest first. */
export async function listExchangeItems(app: AppContext): Promise<ExchangeItem[]> {
  return app.db.exchangeItem.findMany({ where: { active: true }, orderBy: [{ points: "asc" }, { id: "asc" }] });
}
