import { describe, expect, it } from "vitest";
import { isPolite, wholeArg } from "../../../../src/kernel/commands/args.js";

describe("wholeArg", () => {
  const saleNo = wholeArg("秒杀编号");

  it("reads numbers as phones type them: full-width digits, a leading #, a closing mark", () => {
    for (const typed of ["12", "１２", "#12", "＃12", "12。", "12!"]) expect(saleNo.parse(typed)).toBe(12);
  });

  it("still refuses words and out-of-range numbers with what was expected", () => {
    expect(saleNo.safeParse("不到啊").error?.issues[0]?.message).toBe("秒杀编号要写数字 / must be a number");
    expect(saleNo.safeParse("99999999999").error?.issues[0]?.message).toBe("秒杀编号要在 1–1000000 之间");
    expect(saleNo.safeParse(undefined).error?.issues[0]?.message).toBe("请写秒杀编号");
  });
});

describe("isPolite", () => {
  it("allows courtesy after a command, not a question", () => {
    for (const rest of ["", "谢谢", "谢谢！", "一下", "了", "thanks"]) expect(isPolite(rest)).toBe(true);
    for (const rest of ["是什么意思", "了吗？x", "在哪里"]) expect(isPolite(rest)).toBe(false);
  });
});

describe("isPolite on adversarial text", () => {
  // 「退订 」+「麻烦了」×28 +「x」 froze the bot for 50 s: 麻烦了 and 麻烦+了 overlapped, so a backtracking
  // regex doubled its work per repetition. ×22 took ~1 s before the fix, so this fails in bounded time.
  it("answers the worst case of overlapping courtesy words in milliseconds", () => {
    for (const rest of [`${"麻烦了".repeat(22)}x`, `${"麻烦了".repeat(700)}x`, `${"谢谢了".repeat(700)}？x`]) {
      const started = performance.now();
      expect(isPolite(rest)).toBe(false);
      expect(performance.now() - started).toBeLessThan(50);
    }
    expect(isPolite("麻烦了".repeat(700))).toBe(true);
  });

  it("still reads courtesy words however they join: 麻烦了, 麻烦 + 了, mixed case English", () => {
    for (const rest of ["麻烦了", "麻烦一下了", "好的，谢谢啦~", "OK thanks!", "Please", "谢谢了呢…", " ! "])
      expect(isPolite(rest)).toBe(true);
    for (const rest of ["麻", "谢", "okay", "thanksgiving", "好"]) expect(isPolite(rest)).toBe(false);
  });
});
