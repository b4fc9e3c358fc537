import type { Community } from "../bot/mock-world.js";

// The demo community the embedded default plays: an owner, three rooms, thirty members with names, and
// two accounts: 小助手A in VIP群 and 北京1群 (its primary), 小助手B in 北京1群 (standby) and 新品体验群.
const people: Record<string, string> = {
  boss: "王老板",
  alice: "Alice陈",
  bob: "Bob李",
  carol: "Carol张",
  dave: "大卫",
  erin: "小艺",
  frank: "方明",
  grace: "葛蕾",
  henry: "何亨",
  iris: "艾瑞",
  jack: "杰克",
  kate: "凯特",
  leo: "小狮",
  mia: "米娅",
  nina: "妮娜",
  oscar: "奥斯卡",
  paul: "保罗",
  quinn: "秦悦",
  rose: "肉丝",
  sam: "山姆",
  tina: "婷娜",
  uma: "乌玛",
  victor: "维克多",
  wendy: "温蒂",
  xavi: "夏维",
  yuki: "由纪",
  zoe: "佐伊",
  lily: "莉莉",
  max: "马克斯",
  nora: "诺拉",
  owen: "欧文",
};

const ids = Object.keys(people).filter((id) => id !== "boss");

export const demoCommunity: Community = {
  owner: "boss",
  accounts: ["helperA", "helperB"],
  names: { ...people, helperA: "小助手A", helperB: "小助手B" },
  rooms: [
    { id: "vip", topic: "VIP群", members: ["boss", ...ids.slice(0, 12)], bots: ["helperA"] },
    { id: "bj1", topic: "北京1群", members: ["boss", ...ids.slice(8, 22)], bots: ["helperA", "helperB"] },
    { id: "new", topic: "新品体验群", members: ["boss", ...ids.slice(18)], bots: ["helperB"] },
  ],
};

/**
 * The demo for one bot process (`npm run bot` on the mock): the fleet's account BOT_ACCOUNT names, or,
 * for any other BOT_ACCOUNT, the demo as one account in every room (as before the fleet).
 */
export function demoCommunityFor(account: string): Community {
  if (demoCommunity.accounts?.includes(account)) return demoCommunity;
  const { accounts: _accounts, ...oneAccount } = demoCommunity;
  return { ...oneAccount, rooms: demoCommunity.rooms.map(({ bots: _bots, ...room }) => room) };
}
