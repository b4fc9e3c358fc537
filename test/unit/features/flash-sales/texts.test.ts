import { describe, expect, it } from "vitest";
import { bareGrabReply, flashTexts, grabReply, payLink } from "../../../../src/features/flash-sales/texts.js";
import { bareJoinReply, chainList, groupBuyTexts, joinReply } from "../../../../src/features/group-buys/texts.js";

const zone = "Asia/Shanghai";
const sale = {
  id: 12,
  product: "电动牙刷",
  priceCents: 9900,
  originalPriceCents: 19900,
  stock: 100,
  perMemberLimit: 1,
  startsAt: new Date("2026-11-24T12:00:00Z"),
  endsAt: new Date("2026-11-24T12:30:00Z"),
};

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

  it("says where the order is when a double tap hits the limit", () => {
    expect(grabReply({ kind: "limitReached", limit: 1 }, 12, zone)).toContain("你已经抢过了，订单详情已私信你");
  });

  it("never promises 0分钟 to pay, and names products without a stray space", () => {
    expect(flashTexts.won(sale, "F1", "https://pay", 3_000)).toContain("请在 3秒 内付款");
    expect(flashTexts.won(sale, "F1", "https://pay", 15 * 60_000)).toContain("请在 15分钟 内付款");
    expect(flashTexts.cancelled(sale)).toContain("电动牙刷的秒杀已取消");
    const groupBuy = { id: 7, product: "大米", priceCents: 3900, teamSize: 3, perMemberLimit: 1, deadline: sale.endsAt };
    expect(groupBuyTexts.cancelled(groupBuy, 0, 1)).toContain("大米的拼团已取消");
    expect(groupBuyTexts.cancelled(groupBuy, 1, 1)).toContain("大米的拼团已停止");
  });

  it("answers a bare 抢 / 参团 with the sales by number and product, or when the next one starts", () => {
    const open = [
      { id: 3, product: "牙刷" },
      { id: 4, product: "洗发水" },
    ];
    expect(bareGrabReply(open, [], zone)).toBe("现在有 2 个秒杀：#3 牙刷、#4 洗发水，请发「抢 编号」。/ Which one?");
    expect(bareGrabReply([], [{ id: 1, product: "洗发水", startsAt: new Date("2026-11-25T12:00:00Z") }], zone)).toContain(
      "秒杀 #1 洗发水 11-25 20:00 开抢，到时发「抢 1」",
    );
    expect(bareGrabReply([], [], zone)).toContain("现在没有进行中的秒杀");
    expect(bareJoinReply("开团", open)).toBe("现在有 2 个拼团：#3 牙刷、#4 洗发水，请发「开团 编号」。/ Which one?");
    expect(bareJoinReply("参团", [])).toContain("本群现在没有进行中的拼团");
  });

  it("fills the pay link template", () => {
    expect(payLink("https://pay.example.com/o/{订单号}?amount={金额}", "F7KQ2M9XRT4", 990)).toBe(
      "https://pay.example.com/o/F7KQ2M9XRT4?amount=9.9",
    );
    // Machine-read: no thousands separator, whatever prices look like in messages.
    expect(payLink("https://pay/{订单号}?amount={金额}", "F1", 123_450)).toBe("https://pay/F1?amount=1234.5");
  });
});
