import { describe, expect, it } from "vitest";
import { chainList, flashTexts, grabReply, joinReply, payLink } from "../../../../src/domain/sales/texts.js";

const zone = "Asia/Shanghai";
const sale = { id: 12, product: "电动牙刷", priceCents: 9900, originalPriceCents: 19900, stock: 100, perMemberLimit: 1, startsAt: new Date("2026-11-24T12:00:00Z"), endsAt: new Date("2026-11-24T12:30:00Z") };

describe("sale texts", () => {
  it("numbers the 接龙 list and says how many are missing", () => {
    const team = { groupBuyId: 7, number: 2, product: "大米5kg", priceCents: 3900, teamSize: 3, members: ["Alice", "Bob"] };
    expect(chainList(team)).toBe("【拼团接龙 7-2】大米5kg ¥39 3人团\n1. Alice\n2. Bob\n还差1人，发送「参团 7-2」加入");
    expect(chainList({ ...team, members: ["Alice", "Bob", "Carol"] })).toMatch(/3\. Carol\n已成团/);
  });

  it("shows times in the community's zone and money in yuan", () => {
    expect(flashTexts.preview(sale, zone)).toContain("¥99（原价¥199）");
    expect(flashTexts.preview(sale, zone)).toContain("11-24 20:00 开抢，20:30 结束");
    expect(flashTexts.result(sale, 98)).toContain("售出 98件，剩余 2件");
    expect(grabReply({ kind: "notOpen", startsAt: sale.startsAt }, 12, zone)).toContain("11-24 20:00 开抢");
    expect(grabReply({ kind: "limitReached", limit: 2 }, 12, zone)).toContain("限购2件");
    expect(joinReply({ kind: "teamClosed", number: 2 }, 7)).toContain("团 7-2 已满");
  });

  it("fills the pay link template", () => {
    expect(payLink("https://pay.example.com/o/{订单号}?amount={金额}", "F7KQ2M9XRT4", 990)).toBe("https://pay.example.com/o/F7KQ2M9XRT4?amount=9.9");
  });
});
