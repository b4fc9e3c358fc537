import type { Community } from "../bot/mock-world.js";

// The demo community the embedded default plays: an owner, three rooms, thirty members with names.
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
  names: people,
  rooms: [
    { id: "vip", topic: "VIP群", members: ["boss", ...ids.slice(0, 12)] },
    { id: "bj1", topic: "北京1群", members: ["boss", ...ids.slice(8, 22)] },
    { id: "new", topic: "新品体验群", members: ["boss", ...ids.slice(18)] },
  ],
};
