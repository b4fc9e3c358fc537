// The only reader of process.env. One zod schema, parsed once at start-up; every problem is reported
// in one message, so an operator fixes a bad deployment in one go.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CronExpressionParser } from "cron-parser";
import { IANAZone } from "luxon";
import { z } from "zod";
import { MESSAGE_KINDS, type MessageKind } from "./outbox/message-kind.js";
import { type ClockWindow, parseClockWindow } from "./time/clock-window.js";
import { parseDuration } from "./time/when.js";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/siyu";
/** Public (it is in this file): fine on loopback for development, refused on any other host. */
export const DEFAULT_SHOP_API_SECRET = "siyu-dev-secret-change-me";
const DEFAULT_HTTP_HOST = "127.0.0.1";

/** 127.0.0.0/8, ::1 or localhost: reachable from this machine only. */
const isLoopback = (host: string) => host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);

const urlWithProtocol = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

const whole = (min: number, max: number) =>
  z.coerce
    .number({ message: "must be a number" })
    .int({ message: "must be a whole number" })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

const quietHours = z.string().transform((value, ctx): ClockWindow | null => {
  if (value.trim().toLowerCase() === "off") return null;
  const window = parseClockWindow(value);
  if (!window) ctx.addIssue({ code: "custom", message: 'must be "HH:MM-HH:MM" (e.g. 22:00-08:00) or "off"' });
  return window ?? null;
});

const workingHours = z.string().transform((value, ctx): ClockWindow | null => {
  if (value.trim().toLowerCase() === "off") return null;
  const window = parseClockWindow(value);
  if (!window || window.startMinute > window.endMinute) {
    ctx.addIssue({ code: "custom", message: 'must be "HH:MM-HH:MM" within one day (e.g. 09:00-21:00) or "off"' });
    return null;
  }
  return window;
});

// Per kind of message: how many the account may send in a day. Safe for a real account by default:
// private pushes are what WeChat's risk control watches most, so marketing kinds get the tightest caps.
const DEFAULT_DAILY_CAPS: Record<MessageKind, number> = {
  reply: 3000,
  notice: 1500,
  welcome: 500,
  alert: 100,
  announcement: 300,
  content: 200,
  reminder: 300,
  push: 300,
  campaign: 300,
};

const dailyCaps = z.string().transform((value, ctx) => {
  const caps = { ...DEFAULT_DAILY_CAPS };
  for (const pair of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [kind, count] = pair.split("=").map((part) => part.trim());
    if (!kind || !(MESSAGE_KINDS as readonly string[]).includes(kind) || !count || !/^\d+$/.test(count)) {
      ctx.addIssue({
        code: "custom",
        message: `"${pair}" is not kind=count; kinds: ${MESSAGE_KINDS.join(", ")}`,
      });
      continue;
    }
    caps[kind as MessageKind] = Number(count);
  }
  return caps;
});

/** A cron pattern (community time), e.g. "0 3 * * *"; `allowOff` also accepts "off". */
const cronPattern = (fallback: string, allowOff = false) =>
  z
    .string()
    .refine(
      (value) => {
        if (allowOff && value.trim().toLowerCase() === "off") return true;
        try {
          CronExpressionParser.parse(value);
          return value.trim().split(/\s+/).length === 5;
        } catch {
          return false;
        }
      },
      { message: `must be a 5-field cron pattern like "${fallback}"${allowOff ? ' or "off"' : ""}` },
    )
    .default(fallback);

/** A duration such as "90s", "30m", "4h", "3d", in milliseconds. */
const duration = (fallback: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined || ms <= 0) ctx.addIssue({ code: "custom", message: 'must be a duration such as "90s", "30m", "4h" or "3d"' });
      return ms ?? 0;
    })
    .prefault(fallback);

/** One duration per ticket colour: "red=1h,yellow=4h,green=24h", each colour named once. */
const colourDurations = (fallback: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const out: Partial<Record<"red" | "yellow" | "green", number>> = {};
      for (const pair of value.split(",")) {
        const [colour, span] = pair.split("=").map((part) => part.trim());
        const ms = span === undefined ? undefined : parseDuration(span);
        if ((colour !== "red" && colour !== "yellow" && colour !== "green") || ms === undefined || ms <= 0) {
          ctx.addIssue({ code: "custom", message: `"${pair.trim()}" is not colour=duration; e.g. "${fallback}"` });
          continue;
        }
        out[colour] = ms;
      }
      if (!out.red || !out.yellow || !out.green)
        ctx.addIssue({ code: "custom", message: `must name red, yellow and green, e.g. "${fallback}"` });
      return out as Record<"red" | "yellow" | "green", number>;
    })
    .prefault(fallback);

/** Comma-separated words (keywords matched inside a message), at most 50 of up to 20 characters. */
const wordList = (fallback: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const words = value
        .split(/[,，]/)
        .map((word) => word.trim())
        .filter(Boolean);
      if (words.length > 50 || words.some((word) => word.length > 20))
        ctx.addIssue({ code: "custom", message: "must be at most 50 comma-separated words of up to 20 characters" });
      return words;
    })
    .prefault(fallback);

// The puppets docs/deployment.md documents; any other installed package may be named too (a paid puppet).
const KNOWN_PUPPETS = ["mock", "wechaty-puppet-wechat4u", "wechaty-puppet-service"] as const;

/** An installed npm package of that name, found the way Node would look for it from here. */
function isInstalledPackage(name: string): boolean {
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name)) return false;
  const dirs = createRequire(import.meta.url).resolve.paths(name) ?? [];
  return dirs.some((dir) => existsSync(path.join(dir, name, "package.json")));
}

const envSchema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: urlWithProtocol(["postgres:", "postgresql:"], "postgresql://user@host:5432/db").default(DEFAULT_DATABASE_URL),
  REDIS_URL: urlWithProtocol(["redis:", "rediss:"], "redis://127.0.0.1:6379").default("redis://127.0.0.1:6379"),
  // A Redis Cluster: its seed nodes; REDIS_URL then gives only the user, password and TLS.
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^\s*[\w.-]+:\d{1,5}\s*(,\s*[\w.-]+:\d{1,5}\s*)*$/, { message: 'must be host:port pairs, e.g. "10.0.0.1:7000,10.0.0.2:7000"' })
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { message: "may hold letters, digits, _ and - only" })
    .default("siyu"),
  WECHATY_PUPPET: z
    .string()
    .refine((name) => (KNOWN_PUPPETS as readonly string[]).includes(name) || isInstalledPackage(name), {
      message: `must be one of ${KNOWN_PUPPETS.join(", ")}, or an installed puppet package`,
    })
    .default("mock"),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().optional(),
  BOT_ACCOUNT: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { message: "may hold letters, digits, _ and - only" })
    .default("main"),
  // ── The account fleet (docs/fleet.md) ──
  ACCOUNT_LEASE_MS: whole(1000, 600_000).default(30_000),
  FLEET_CHECK_SECONDS: whole(1, 300).default(15),
  OWNER_WECHAT_ID: z.string().min(1).default("boss"),
  TIME_ZONE: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), { message: "must be an IANA time zone such as Asia/Shanghai" })
    .default("Asia/Shanghai"),
  WELCOME_TEXT: z.string().min(1).default("欢迎 {昵称} 加入「{群名}」！发送「帮助」看看我能做什么。"),
  OUTBOX_RATE_PER_MINUTE: whole(1, 6000).default(20),
  OUTBOX_BURST: whole(1, 100).default(3),
  OUTBOX_JITTER_MS: z
    .string()
    .regex(/^\d+-\d+$/, { message: 'must be "MIN-MAX" in milliseconds, e.g. 800-3000' })
    .refine(
      (v) => {
        const [min, max] = v.split("-").map(Number);
        return min! <= max!;
      },
      { message: "MIN must not exceed MAX" },
    )
    .default("800-3000"),
  OUTBOX_DAILY_CAPS: dailyCaps.prefault(""),
  OUTBOX_ATTEMPTS: whole(1, 20).default(5),
  OUTBOX_BACKOFF_MS: whole(10, 3_600_000).default(5000),
  QUIET_HOURS: quietHours.prefault("22:00-08:00"),
  MEMBER_PUSH_CAP_DAY: whole(0, 100).default(1),
  MEMBER_PUSH_CAP_WEEK: whole(0, 500).default(3),
  CIRCUIT_FAILURES: whole(1, 100).default(3),
  CIRCUIT_COOLDOWN_MINUTES: whole(1, 24 * 60).default(30),
  COMMANDS_PER_MINUTE: whole(1, 600).default(10),
  // Replies to a command in a room within this window of a burst leave as one message (docs/outbox.md); 0: off.
  REPLY_DIGEST_WINDOW_MS: whole(0, 60_000).default(5000),

  // ── Flash sales and group-buys ──
  FLASH_PAY_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, { message: "must be an http(s) URL template, e.g. https://shop.example.com/pay?order={订单号}" })
    .default("https://shop.example.com/pay?order={订单号}"),
  FLASH_REMINDER_MINUTES: z.coerce
    .number({ message: "must be a number" })
    .min(0)
    .max(24 * 60)
    .default(5),
  ORDER_PAY_MINUTES: z.coerce
    .number({ message: "must be a number" })
    .positive({ message: "must be above 0" })
    .max(7 * 24 * 60)
    .default(15),

  // ── Orders, tags, RFM, coupons, win-back ──
  HTTP_PORT: whole(0, 65535).default(8787),
  HTTP_HOST: z.string().min(1).default(DEFAULT_HTTP_HOST),
  SHOP_API_SECRET: z.string().min(16, { message: "must be at least 16 characters" }).default(DEFAULT_SHOP_API_SECRET),
  SHOP_API_SIGNATURE_WINDOW_SECONDS: whole(30, 3600).default(300),
  SHOP_API_LEGACY_SIGNATURE: z.stringbool({ message: 'must be "true" or "false"' }).default(false),
  SHOP_API_REDIS_WAIT_MS: whole(100, 30_000).default(2000),
  BIND_CODE_TTL_MINUTES: whole(1, 24 * 60).default(30),
  BIND_GUESSES_PER_HOUR: whole(1, 100).default(5),
  WELCOME_COUPON: z.string().default("首单立减50"),
  COUPON_REMIND_DAYS: whole(0, 30).default(2),
  TAG_ACTIVE_MESSAGES_7D: whole(1, 10_000).default(5),
  TAG_SILENT_DAYS: whole(1, 365).default(30),
  TAG_CRON: cronPattern("30 3 * * *"),
  RFM_CRON: cronPattern("0 3 * * *"),
  RFM_HIGH_VALUE_DAYS: whole(1, 3650).default(30),
  RFM_HIGH_VALUE_ORDERS: whole(1, 100_000).default(10),
  RFM_HIGH_VALUE_CENTS: whole(1, 1_000_000_000).default(200_000),
  RFM_NEW_DAYS: whole(1, 3650).default(30),
  RFM_AT_RISK_DAYS: whole(1, 3650).default(60),
  RFM_LOST_DAYS: whole(1, 3650).default(120),
  WINBACK_CRON: cronPattern("0 10 * * *", true),
  WINBACK_COUPONS: z
    .string()
    .regex(/^\s*at_risk=[^,]+,\s*lost=[^,]+\s*$/, { message: 'must be "at_risk=<template>,lost=<template>"' })
    .default("at_risk=满200减30,lost=立减100"),
  WINBACK_COOLDOWN_DAYS: whole(0, 365).default(30),
  WINBACK_HOLDOUT_PERCENT: whole(0, 90).default(10),
  RECO_CRON: cronPattern("30 4 * * *"),
  RECO_WINDOW_DAYS: whole(1, 3650).default(365),
  RECO_MIN_SUPPORT: whole(1, 1_000_000).default(5),
  RECO_MIN_LIFT: z.coerce.number({ message: "must be a number" }).min(0, { message: "must be at least 0" }).default(1.2),
  EXPERIMENT_METRIC_DAYS: whole(1, 90).default(7),
  EXPERIMENT_BASELINE_PERCENT: z.coerce.number({ message: "must be a number" }).gt(0).lt(100).default(3),
  EXPERIMENT_MDE_PERCENT: z.coerce.number({ message: "must be a number" }).gt(0).lt(100).default(2),
  WINBACK_TEXT: z
    .string()
    .min(1)
    .default("{昵称}，好久不见！送你一张专属券：{券码}，有效期至 {有效期}，下单时填写即可使用。回复「退订」不再接收。"),

  // ── Segments, pushes, the content calendar ──
  PUSH_CONFIRM_ABOVE: whole(0, 10_000_000).default(500),
  PUSH_CONFIRM_MINUTES: whole(1, 24 * 60).default(10),
  PUSH_BATCH_SIZE: whole(10, 20_000).default(2000),
  PUSH_VALID_HOURS: z.coerce
    .number({ message: "must be a number" })
    .positive({ message: "must be above 0" })
    .max(30 * 24)
    .default(24),
  CALENDAR_RHYTHM_CRON: cronPattern("0 9 * * 1"),
  CALENDAR_PLAN: z
    .string()
    .regex(/^(article|live|interaction)=\d+(,(article|live|interaction)=\d+)*$/, {
      message: 'must be like "article=3,live=1,interaction=2"',
    })
    .default("article=3,live=1,interaction=2"),
  LIVE_REMINDER_MINUTES: z
    .string()
    .regex(/^\d+(,\d+)*$/, { message: 'must be minutes before the start, e.g. "60,5"' })
    .default("60,5"),

  // ── The operator console ──
  CONSOLE_PUBLIC_URL: urlWithProtocol(["http:", "https:"], "https://siyu.example.com").optional(),
  CONSOLE_CODE_MINUTES: whole(1, 60).default(5),
  CONSOLE_SESSION_HOURS: whole(1, 24 * 7).default(12),
  CONSOLE_LOGINS_PER_MINUTE: whole(1, 1000).default(10),

  // ── The service desk (工单) ──
  SERVICE_RESPONSE: colourDurations("red=1h,yellow=4h,green=24h"),
  SERVICE_RESOLVE: colourDurations("red=24h,yellow=3d,green=7d"),
  SERVICE_RED_WORDS: wordList("投诉,坏了,漏水,退款,过敏"),
  SERVICE_YELLOW_WORDS: wordList("怎么用,安装,发货"),
  SERVICE_HELP_WORDS: wordList("人工,客服,售后,发货,退货"),
  SERVICE_WORKING_HOURS: workingHours.prefault("off"),
  TICKET_FOLLOWUP_AFTER: duration("24h"),
  TICKET_RATING_WINDOW: duration("3d"),

  // ── Loyalty: points, check-in, exchange, levels, referrals ──
  POINTS_PER_YUAN: z.coerce.number({ message: "must be a number" }).min(0).max(100).default(1),
  POINTS_EXPIRY_MONTHS: whole(1, 120).default(12),
  POINTS_REMIND_DAYS: whole(0, 60).default(7),
  CHECKIN_POINTS: whole(0, 10_000).default(5),
  CHECKIN_STREAK_BONUS: whole(0, 100_000).default(20),
  POINTS_PER_POLL_VOTE: whole(0, 10_000).default(2),
  POINTS_PER_LIVE_RESERVATION: whole(0, 10_000).default(2),
  LOYALTY_LEVELS: z
    .string()
    .regex(/^[^=,\s]+=\d+(,[^=,\s]+=\d+)*$/, { message: 'must be "name=yuan,…" from 0 up, e.g. "普通=0,银卡=1000,金卡=5000,黑金=20000"' })
    .refine(
      (v) =>
        v
          .split(",")
          .map((pair) => Number(pair.split("=")[1]))
          .every((n, i, all) => (i === 0 ? n === 0 : n > all[i - 1]!)),
      {
        message: "the first level must start at 0 and each next one higher",
      },
    )
    .default("普通=0,银卡=1000,金卡=5000,黑金=20000"),
  LOYALTY_CRON: cronPattern("15 3 * * *"),
  REFERRAL_POINTS: whole(0, 100_000).default(100),
  REFERRAL_STAY_DAYS: whole(0, 90).default(7),
  REFERRAL_MONTHLY_CAP: whole(0, 1000).default(10),
  MEMBER_DAY: whole(0, 28).default(18),
  MEMBER_DAY_LEVEL: z.string().min(1).default("银卡"),
  MEMBER_DAY_COUPON: z.string().min(1).default("满200减30"),
  BIRTHDAY_LEVEL: z.string().min(1).default("金卡"),
  BIRTHDAY_COUPON: z.string().min(1).default("立减100"),
});

export type Config = ReturnType<typeof toConfig>;

/** "a:7000, b:7001" → [{host: "a", port: 7000}, …]; none when unset (one Redis server). */
function clusterNodesOf(value: string | undefined): Array<{ host: string; port: number }> | undefined {
  return value?.split(",").map((pair) => {
    const [host, port] = pair.trim().split(":") as [string, string];
    return { host, port: Number(port) };
  });
}

function toConfig(env: z.infer<typeof envSchema>) {
  const [jitterMin, jitterMax] = env.OUTBOX_JITTER_MS.split("-").map(Number) as [number, number];
  return {
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX, clusterNodes: clusterNodesOf(env.REDIS_CLUSTER_NODES) },
    wechaty: {
      puppet: env.WECHATY_PUPPET,
      token: env.WECHATY_PUPPET_SERVICE_TOKEN,
      endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT,
    },
    account: env.BOT_ACCOUNT,
    fleet: { leaseMs: env.ACCOUNT_LEASE_MS, checkMs: env.FLEET_CHECK_SECONDS * 1000 },
    ownerWechatId: env.OWNER_WECHAT_ID,
    timeZone: env.TIME_ZONE,
    welcomeText: env.WELCOME_TEXT,
    outbox: {
      ratePerMinute: env.OUTBOX_RATE_PER_MINUTE,
      burst: env.OUTBOX_BURST,
      jitterMs: { min: jitterMin, max: jitterMax },
      dailyCaps: env.OUTBOX_DAILY_CAPS,
      attempts: env.OUTBOX_ATTEMPTS,
      backoffMs: env.OUTBOX_BACKOFF_MS,
      quietHours: env.QUIET_HOURS,
      circuit: { failures: env.CIRCUIT_FAILURES, cooldownMs: env.CIRCUIT_COOLDOWN_MINUTES * 60_000 },
      memberCaps: { perDay: env.MEMBER_PUSH_CAP_DAY, perWeek: env.MEMBER_PUSH_CAP_WEEK },
    },
    commands: { perMinute: env.COMMANDS_PER_MINUTE },
    replyDigest: { windowMs: env.REPLY_DIGEST_WINDOW_MS },

    // ── Flash sales and group-buys ──
    sales: {
      payUrlTemplate: env.FLASH_PAY_URL,
      reminderMs: Math.round(env.FLASH_REMINDER_MINUTES * 60_000),
      orderPayMs: Math.round(env.ORDER_PAY_MINUTES * 60_000),
    },

    // ── Orders, tags, RFM, coupons, win-back ──
    http: {
      port: env.HTTP_PORT,
      host: env.HTTP_HOST,
      shopSecret: env.SHOP_API_SECRET,
      signatureWindowSeconds: env.SHOP_API_SIGNATURE_WINDOW_SECONDS,
      legacySignature: env.SHOP_API_LEGACY_SIGNATURE,
      redisWaitMs: env.SHOP_API_REDIS_WAIT_MS,
    },
    bind: { ttlMs: env.BIND_CODE_TTL_MINUTES * 60_000, guessesPerHour: env.BIND_GUESSES_PER_HOUR },
    coupons: { welcomeTemplate: env.WELCOME_COUPON, remindDays: env.COUPON_REMIND_DAYS },
    tags: { activeMessages7d: env.TAG_ACTIVE_MESSAGES_7D, silentDays: env.TAG_SILENT_DAYS, cron: env.TAG_CRON },
    rfm: {
      cron: env.RFM_CRON,
      highValueDays: env.RFM_HIGH_VALUE_DAYS,
      highValueOrders: env.RFM_HIGH_VALUE_ORDERS,
      highValueCents: env.RFM_HIGH_VALUE_CENTS,
      newDays: env.RFM_NEW_DAYS,
      atRiskDays: env.RFM_AT_RISK_DAYS,
      lostDays: env.RFM_LOST_DAYS,
    },
    recommendations: {
      cron: env.RECO_CRON,
      windowDays: env.RECO_WINDOW_DAYS,
      minSupport: env.RECO_MIN_SUPPORT,
      minLift: env.RECO_MIN_LIFT,
    },
    experiments: {
      metricDays: env.EXPERIMENT_METRIC_DAYS,
      baselineRate: env.EXPERIMENT_BASELINE_PERCENT / 100,
      mde: env.EXPERIMENT_MDE_PERCENT / 100,
    },
    winback: {
      cron: env.WINBACK_CRON.trim().toLowerCase() === "off" ? null : env.WINBACK_CRON,
      coupons: Object.fromEntries(
        env.WINBACK_COUPONS.split(",").map((pair) => pair.split("=").map((part) => part.trim()) as [string, string]),
      ) as { at_risk: string; lost: string },
      cooldownDays: env.WINBACK_COOLDOWN_DAYS,
      holdoutShare: env.WINBACK_HOLDOUT_PERCENT / 100,
      text: env.WINBACK_TEXT,
    },

    // ── Segments, pushes, the content calendar ──
    pushes: {
      confirmAbove: env.PUSH_CONFIRM_ABOVE,
      confirmWindowMs: env.PUSH_CONFIRM_MINUTES * 60_000,
      batchSize: env.PUSH_BATCH_SIZE,
      validMs: Math.round(env.PUSH_VALID_HOURS * 3_600_000),
    },
    calendar: {
      rhythmCron: env.CALENDAR_RHYTHM_CRON,
      plan: Object.fromEntries(
        env.CALENDAR_PLAN.split(",")
          .map((pair) => pair.split("="))
          .map(([k, v]) => [k, Number(v)]),
      ) as Partial<Record<"article" | "live" | "interaction", number>>,
      liveReminderMinutes: env.LIVE_REMINDER_MINUTES.split(",").map(Number),
    },

    // ── The operator console ──
    console: {
      /** Where the login link points; without it, the HTTP server's own address. */
      publicUrl: (
        env.CONSOLE_PUBLIC_URL ?? `http://${env.HTTP_HOST.includes(":") ? `[${env.HTTP_HOST}]` : env.HTTP_HOST}:${env.HTTP_PORT}`
      ).replace(/\/+$/, ""),
      codeTtlMs: env.CONSOLE_CODE_MINUTES * 60_000,
      sessionTtlMs: env.CONSOLE_SESSION_HOURS * 3_600_000,
      loginsPerMinute: env.CONSOLE_LOGINS_PER_MINUTE,
    },

    // ── The service desk (工单) ──
    service: {
      responseMs: env.SERVICE_RESPONSE,
      resolveMs: env.SERVICE_RESOLVE,
      redWords: env.SERVICE_RED_WORDS,
      yellowWords: env.SERVICE_YELLOW_WORDS,
      helpWords: env.SERVICE_HELP_WORDS,
      workingHours: env.SERVICE_WORKING_HOURS,
      followupAfterMs: env.TICKET_FOLLOWUP_AFTER,
      ratingWindowMs: env.TICKET_RATING_WINDOW,
    },

    // ── Loyalty: points, check-in, exchange, levels, referrals ──
    loyalty: {
      pointsPerYuan: env.POINTS_PER_YUAN,
      expiryMonths: env.POINTS_EXPIRY_MONTHS,
      remindDays: env.POINTS_REMIND_DAYS,
      checkinPoints: env.CHECKIN_POINTS,
      streakBonus: env.CHECKIN_STREAK_BONUS,
      pollVotePoints: env.POINTS_PER_POLL_VOTE,
      liveReservationPoints: env.POINTS_PER_LIVE_RESERVATION,
      levels: env.LOYALTY_LEVELS.split(",").map((pair) => {
        const [name, yuan] = pair.split("=") as [string, string];
        return { name, minSpendCents: Number(yuan) * 100 };
      }),
      cron: env.LOYALTY_CRON,
      referral: { points: env.REFERRAL_POINTS, stayDays: env.REFERRAL_STAY_DAYS, monthlyCap: env.REFERRAL_MONTHLY_CAP },
      memberDay: { day: env.MEMBER_DAY, level: env.MEMBER_DAY_LEVEL, coupon: env.MEMBER_DAY_COUPON },
      birthday: { level: env.BIRTHDAY_LEVEL, coupon: env.BIRTHDAY_COUPON },
    },
  };
}

/** A secret by its name: *_SECRET, *_TOKEN, *_KEY, anything with PASSWORD/PASSWD in it. */
const SECRET_NAME = /(SECRET|TOKEN|_KEY)$|PASSWORD|PASSWD/i;

/**
 * A bad variable's value as a problem line shows it: never a secret's, and never the password inside a
 * URL's userinfo — found by text, not by `new URL`, because the URL being printed is the one that did not
 * parse (a password with `/`, `#` or `@` in it is the usual reason).
 *
 * @example shownValue("DATABASE_URL", "postgresql://siyu:hunter2@db:x/siyu") // '="postgresql://siyu:***@db:x/siyu"'
 * @example shownValue("SHOP_API_SECRET", "short") // " (value hidden)"
 */
export function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return "";
  if (SECRET_NAME.test(name)) return " (value hidden)";
  // userinfo: after the scheme, up to the last "@"; a ":" in it starts the password.
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(value)?.[0] ?? "";
  const at = value.lastIndexOf("@");
  const colon = value.indexOf(":", scheme.length);
  const redacted = at > scheme.length && colon !== -1 && colon < at ? `${value.slice(0, colon + 1)}***${value.slice(at)}` : value;
  return `="${redacted}"`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Siyu cannot start: the configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment into Siyu's configuration, or throws one ConfigError naming every bad variable.
 *
 * @example loadConfig({ ...process.env, QUIET_HOURS: "off" }).outbox.quietHours // null
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(present);
  const problems = (parsed.error?.issues ?? []).map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    return `${name}${shownValue(name, present[name])}: ${issue.message}`;
  });
  // Checked with the rest, so that one message still names every problem.
  if (present.WECHATY_PUPPET === "wechaty-puppet-service" && !present.WECHATY_PUPPET_SERVICE_TOKEN) {
    problems.push("WECHATY_PUPPET_SERVICE_TOKEN: is required when WECHATY_PUPPET=wechaty-puppet-service");
  }
  const httpHost = present.HTTP_HOST ?? DEFAULT_HTTP_HOST;
  if (!isLoopback(httpHost) && (present.SHOP_API_SECRET ?? DEFAULT_SHOP_API_SECRET) === DEFAULT_SHOP_API_SECRET) {
    problems.push(
      `SHOP_API_SECRET: set your own secret (at least 16 characters) for a shop API on HTTP_HOST=${httpHost}; the default one is public`,
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

/** For entry points: the configuration, or the problems on stderr and exit code 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The variables, their defaults and meaning: docs/configuration.md is checked against it. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as Array<keyof typeof envSchema.shape>;
