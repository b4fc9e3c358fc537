import { describe, expect, it } from "vitest";
import { MAX_TIP_CATEGORY, MAX_TIP_TEXT, parseTipText } from "../../../../src/features/loyalty/rules/tip-args.js";

describe("贴士 设置 arguments", () => {
  it("takes the first word as the category and the rest, spaces kept, as the tip", () => {
    expect(parseTipText("护肤 洁面后先用爽肤水， 再抹精华。")).toEqual({
      ok: true,
      category: "护肤",
      text: "洁面后先用爽肤水， 再抹精华。",
    });
    expect(parseTipText("\u3000 家电\t 先读说明书 \n")).toEqual({ ok: true, category: "家电", text: "先读说明书" });
  });

  it("refuses a missing category or tip, and either one too long", () => {
    for (const bad of ["", "   ", "护肤", "护肤   "]) expect(parseTipText(bad).ok).toBe(false);
    const longCategory = parseTipText(`${"品".repeat(MAX_TIP_CATEGORY + 1)} 内容`);
    expect(longCategory).toEqual({ ok: false, problem: expect.stringContaining(`最多 ${MAX_TIP_CATEGORY}`) });
    expect(parseTipText(`护肤 ${"字".repeat(MAX_TIP_TEXT)}`).ok).toBe(true);
    expect(parseTipText(`护肤 ${"字".repeat(MAX_TIP_TEXT + 1)}`)).toEqual({
      ok: false,
      problem: expect.stringContaining(`最多 ${MAX_TIP_TEXT}`),
    });
  });
});
