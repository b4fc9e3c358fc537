// Tag categories: what kind of fact a tag states. Tags live in `tags` (category, name); a member's tag
// says who put it there (member_tags.source: manual, rule, rfm, event), so rules never remove manual
// tags, nor tags earned by taking part (event: a poll's voters).

export const TAG_CATEGORIES = {
  /** Operators' own labels (#标签 @某人 +VIP). */
  custom: "custom",
  /** The RFM layer: exactly one per member, source rfm. See layers.ts. */
  layer: "layer",
  /** 互动行为: active / silent in groups, joined a live stream, answered a poll. */
  interaction: "interaction",
  /** 购买偏好: top product category of recent orders. */
  preference: "preference",
  /** 获客渠道: parcel card, store QR, referral. */
  channel: "channel",
  /** 城市等级 and city. */
  city: "city",
} as const;

export type TagCategory = (typeof TAG_CATEGORIES)[keyof typeof TAG_CATEGORIES];
