import { describe, expect, it } from "vitest";
import { boundText, cleanChatText, MAX_CHAT_TEXT, redactForLog, snippet } from "../../../../src/kernel/text/clean-text.js";

describe("cleanChatText", () => {
  it("drops NUL and other control characters, keeping line breaks and tabs", () => {
    expect(cleanChatText("#券 列表 \u0000x")).toBe("#券 列表 x");
    expect(cleanChatText("a\u0001b\u001bc\u007fd\u0085e")).toBe("abcde");
    expect(cleanChatText("第一行\n第二行\t尾\r\n")).toBe("第一行\n第二行\t尾\n");
  });

  it("replaces lone surrogates with U+FFFD and keeps real pairs (emoji)", () => {
    expect(cleanChatText("#秒杀 新建 \ud800")).toBe("#秒杀 新建 \ufffd");
    expect(cleanChatText("\udc00x\ud83d")).toBe("\ufffdx\ufffd");
    expect(cleanChatText("抢到了😀👍🏻")).toBe("抢到了😀👍🏻");
  });

  it("leaves ordinary text as it was", () => {
    for (const text of ["帮助", "@Siyu\u2005授权 @Alice Chen 运营", "欢迎 {昵称}！\n第一步"]) expect(cleanChatText(text)).toBe(text);
  });
});

describe("boundText", () => {
  it("keeps text within the limit and cuts longer text without splitting an emoji", () => {
    expect(boundText("帮助")).toEqual({ text: "帮助", truncated: false });
    expect(boundText("x".repeat(MAX_CHAT_TEXT + 1))).toEqual({ text: "x".repeat(MAX_CHAT_TEXT), truncated: true });
    expect(boundText("a😀b", 2)).toEqual({ text: "a", truncated: true });
  });
});

describe("snippet", () => {
  it("quotes at most 8 characters, on one line, without invisible marks, with … when cut", () => {
    expect(snippet("加微信wx123领100元红包")).toBe("加微信wx123…");
    expect(snippet("hlep")).toBe("hlep");
    expect(snippet("第一行\n\n第二行")).toBe("第一行 第二行");
    expect(snippet("a\u202eb\u200bc\u0000d")).toBe("abcd");
    expect(snippet("😀".repeat(20))).toBe(`${"😀".repeat(8)}…`);
    expect(snippet("x".repeat(100_000))).toBe(`${"x".repeat(8)}…`);
  });
});

describe("redactForLog", () => {
  it("masks every letter and digit, so codes never reach a log line", () => {
    expect(redactForLog("绑定 123456")).toBe("绑定 ******");
    expect(redactForLog("#券 核销 AB12-CD34-EF56")).toBe("#券 核销 ****-*…");
    expect(redactForLog("绑定 １２３４５６")).toBe("绑定 ******");
  });
});
