// Every parser that sees chat text, fed long adversarial strings: each must finish in milliseconds at
// the chat limit, and grow no faster than the input beyond it (8× the text may cost ~8× the time, not
// 64×), so a quadratic parser cannot hide behind the bound at the edge. A backtracking regex with
// overlapping quantifiers shows here as seconds (or hours).
import { describe, expect, it } from "vitest";
import { parseCalendarDraft, parseWhen as parseCalendarWhen } from "../../src/features/calendar/rules/calendar-item.js";
import { normalizeCouponCode } from "../../src/features/coupons/rules/coupon-code.js";
import { parseNewTemplateWords } from "../../src/features/coupons/rules/coupon-template.js";
import { parseExperimentRef } from "../../src/features/experiments/rules/experiment-ref.js";
import { parseFlashSaleArgs, parseMove } from "../../src/features/flash-sales/rules/create-args.js";
import { parseGroupBuyArgs } from "../../src/features/group-buys/rules/create-args.js";
import { allCommands } from "../../src/features/index.js";
import { parseBirthday } from "../../src/features/loyalty/rules/birthday.js";
import { parseNewExchangeItemWords } from "../../src/features/loyalty/rules/exchange-args.js";
import { parseLadderWords } from "../../src/features/loyalty/rules/ladder-args.js";
import { parseTipText } from "../../src/features/loyalty/rules/tip-args.js";
import { parseLinesColumn } from "../../src/features/orders/rules/order-input.js";
import { parsePushOptions, usesRecommendation } from "../../src/features/pushes/rules/push-options.js";
import {
  parseBundleOption,
  parseCouponOption,
  parseRoomSelector,
  parseSchedule,
  splitVariants,
  usesMemberPlaceholder,
} from "../../src/features/pushes/rules/push-text.js";
import { parseBundle } from "../../src/features/recommendations/rules/bundle-command.js";
import { colourFor, mentionsAny, parseColour } from "../../src/features/service-desk/rules/colour.js";
import { parseRating, parseTicketNumber } from "../../src/features/service-desk/rules/ticket-words.js";
import { isPolite, wholeArg } from "../../src/kernel/commands/args.js";
import { lookupCommand, normalizeText, positionalArgs } from "../../src/kernel/commands/match.js";
import { closestWord, subcommandsOf, suggestAlias } from "../../src/kernel/commands/suggest.js";
import { boundText, cleanChatText, MAX_CHAT_TEXT, redactForLog, snippet } from "../../src/kernel/text/clean-text.js";
import { fillTemplate, placeholdersOf } from "../../src/kernel/text/fill-template.js";
import { parseMoney, parseYuan } from "../../src/kernel/text/money.js";
import { parseClockWindow } from "../../src/kernel/time/clock-window.js";
import { isTimeText, looksLikeTime, parseClock, parseDuration, parseWhen } from "../../src/kernel/time/when.js";

/** Long strings (about `n` characters) built to make backtracking regexes and quadratic scans show. */
const adversarial = (n: number): Record<string, string> => {
  const fill = (unit: string, tail = "x") => unit.repeat(Math.ceil(n / unit.length)).slice(0, n) + tail;
  return {
    "courtesy overlap": fill("麻烦了"),
    spaces: fill(" "),
    "mixed spaces": fill(" \u2005\u3000\t"),
    "line breaks": fill("\n"),
    "closing marks": fill("！"),
    "ascii marks": fill("!?.,~"),
    digits: fill("1"),
    "full-width digits": fill("１"),
    "digits and colons": fill("1:"),
    "time words": fill("明天"),
    "date then spaces": `12-01${fill(" ")}`,
    "period then spaces": `晚上${fill(" ")}`,
    weekdays: `每周${fill("一")}\nx`,
    "daily spaces": `每天${fill(" ")}\nx`,
    "at signs": fill("@"),
    "spaced at signs": ` @${fill(" ")}a@`,
    hashes: fill("#"),
    braces: fill("{"),
    "open placeholders": fill("{a"),
    pipes: fill(" |"),
    "key colons": fill("时间:"),
    "money-ish": `价${fill("9")}`,
    "comma groups": fill("1,000"),
    "duration parts": fill("1h"),
    "units without numbers": fill("小时"),
    dashes: fill("-"),
    "plus tags": fill("+"),
    "relative time": `${fill("半")}后`,
    "coupon option": `券:${fill("满")}`,
    "room selector": `群:${fill("a,")}`,
    emoji: fill("😀"),
    "zero-width and rtl": fill("\u200b\u202e"),
    "lone surrogates": fill("\ud800"),
    nul: fill("\u0000"),
  };
};
const AT_LIMIT = adversarial(MAX_CHAT_TEXT);
const BEYOND = adversarial(MAX_CHAT_TEXT * 8);

const NOW = new Date("2026-12-01T04:00:00Z");
const AT = { now: NOW, zone: "Asia/Shanghai" };
const words = (text: string) => text.split(" ").filter(Boolean).slice(0, 200);
const saleNo = wholeArg("秒杀编号");

/** Each parser that sees (part of) a chat line, as the router or a command calls it. */
const PARSERS: Record<string, (text: string) => unknown> = {
  isPolite,
  lookupCommand: (text) => lookupCommand(text, allCommands, "Siyu", ["Alice Chen"]),
  "lookupCommand #": (text) => lookupCommand(`#${text}`, allCommands, "Siyu"),
  "lookupCommand alias": (text) => lookupCommand(`秒杀 新建 ${text}`, allCommands),
  normalizeText,
  positionalArgs: (text) => positionalArgs({ text, words: words(text) }, ["a", "b", "rest..."]),
  suggestAlias: (text) => suggestAlias(text, allCommands),
  closestWord: (text) => closestWord(text, ["help", "帮助", "status"]),
  subcommandsOf: (text) => subcommandsOf(text, allCommands),
  wholeArg: (text) => saleNo.safeParse(text),
  parseDuration,
  parseWhen: (text) => parseWhen(text, AT),
  isTimeText,
  looksLikeTime,
  parseClock,
  parseClockWindow,
  parseCalendarWhen: (text) => parseCalendarWhen(text, NOW, AT.zone),
  parseCalendarDraft: (text) => parseCalendarDraft(`文章 标题 时间:${text} 群:${text}`),
  parseSchedule: (text) => parseSchedule(text, NOW, AT.zone),
  "parseSchedule @": (text) => parseSchedule(`@ ${text}`, NOW, AT.zone),
  "parseSchedule trailing": (text) => parseSchedule(`内容 @ ${text}`, NOW, AT.zone),
  parseCouponOption,
  parseRoomSelector,
  splitVariants,
  usesMemberPlaceholder,
  fillTemplate: (text) => fillTemplate(text, { 昵称: "Alice" }),
  placeholdersOf,
  parseYuan,
  parseMoney: (text) => parseMoney("价格", text, { max: 1_000_000 }),
  parseNewTemplateWords: (text) => parseNewTemplateWords([text, ...words(text)]),
  parseNewExchangeItemWords: (text) => parseNewExchangeItemWords([text, ...words(text)]),
  parseBirthday,
  parseLadderWords: (text) => parseLadderWords([text, text, ...words(text)], AT),
  parseTipText,
  "parseTipText after a category": (text) => parseTipText(`护肤 ${text}`),
  normalizeCouponCode,
  parseFlashSaleArgs: (text) => parseFlashSaleArgs([text, ...words(text)], AT),
  parseGroupBuyArgs: (text) => parseGroupBuyArgs([text, ...words(text)], AT),
  parseMove: (text) => parseMove([text, ...words(text)], AT),
  parseTicketNumber,
  parseRating,
  parseBundle,
  "parseBundle price": (text) => parseBundle(`套装 a+${text} 价 ${text}`),
  "parseBundle level prices": (text) => parseBundle(`套装 a+b 价 399 ${text} 1 ${text}`),
  parsePushOptions,
  "parsePushOptions words": (text) => parsePushOptions(`实验:${text} 无推荐:${text}`),
  usesRecommendation,
  parseBundleOption,
  parseExperimentRef,
  parseLinesColumn,
  parseColour,
  "service colourFor": (text) =>
    colourFor(text, { redWords: ["投诉", "坏了", "漏水", "退款", "过敏"], yellowWords: ["怎么用", "安装", "发货"] }, true),
  "service help words": (text) => mentionsAny(text, ["人工", "客服", "售后", "发货", "退货"]),
  cleanChatText,
  boundText,
  snippet,
  redactForLog,
};

/** The fastest of five runs, in ms: a busy machine (CI runs test files in parallel) may slow a run, not all five. */
function fastest(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
    if (best < 5) break;
  }
  return best;
}

describe("every parser that sees chat text, on adversarial input at and beyond the chat limit", () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name} finishes each worst case in milliseconds, linearly`, () => {
      const slow: string[] = [];
      for (const kind of Object.keys(AT_LIMIT)) {
        const atLimit = fastest(() => parse(AT_LIMIT[kind]!));
        const beyond = fastest(() => parse(BEYOND[kind]!));
        // Linear: ~8× (more with a garbage collection in between); quadratic: ~64×. Below a few
        // milliseconds, timer noise and a busy machine are all there is.
        if (atLimit > 50 || beyond > 30 * Math.max(atLimit, 3)) slow.push(`${kind}: ${atLimit.toFixed(1)} ms, 8×: ${beyond.toFixed(1)} ms`);
      }
      expect(slow).toEqual([]);
    });
  }
});
