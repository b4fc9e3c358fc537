// The routing rule as a table: which account a delivery leaves through.
import { describe, expect, it } from "vitest";
import { type RouteDecision, type RouteInput, routeDelivery } from "../../../../src/kernel/fleet/route-delivery.js";

const seat = (account: string, role: "primary" | "standby", online = true) => ({ account, role, online });
const path = (account: string, source: "friend" | "wrote", online = true) => ({ account, source, online });

const cases: Array<[string, RouteInput, RouteDecision]> = [
  [
    "room: the online primary",
    { facts: { kind: "room", seats: [seat("b", "standby"), seat("a", "primary")] }, marketing: true, online: ["a", "b"] },
    { account: "a" },
  ],
  [
    "room: primary offline, an online standby",
    { facts: { kind: "room", seats: [seat("a", "primary", false), seat("b", "standby")] }, marketing: true, online: ["b"] },
    { account: "b" },
  ],
  [
    "room: nobody online, the primary's queue waits",
    { facts: { kind: "room", seats: [seat("b", "standby", false), seat("a", "primary", false)] }, marketing: true, online: [] },
    { account: "a" },
  ],
  [
    "room: a reply leaves through the account that got the command",
    { facts: { kind: "room", seats: [seat("a", "primary"), seat("b", "standby")] }, prefer: "b", marketing: false, online: ["a", "b"] },
    { account: "b" },
  ],
  [
    "room: marketing ignores the preference",
    { facts: { kind: "room", seats: [seat("a", "primary"), seat("b", "standby")] }, prefer: "b", marketing: true, online: ["a", "b"] },
    { account: "a" },
  ],
  [
    "room: none of ours in it, marketing",
    { facts: { kind: "room", seats: [] }, marketing: true, online: ["a"] },
    { account: null, reason: "no_account" },
  ],
  [
    "room: none of ours in it, a reply goes through the preferred",
    { facts: { kind: "room", seats: [] }, prefer: "a", marketing: false, online: ["a", "b"] },
    { account: "a" },
  ],
  [
    "member: the dedicated account first",
    { facts: { kind: "member", dedicated: "b", paths: [path("a", "friend"), path("b", "wrote")] }, marketing: true, online: ["a", "b"] },
    { account: "b" },
  ],
  [
    "member: dedicated offline, a friend online",
    { facts: { kind: "member", dedicated: "b", paths: [path("b", "friend", false), path("a", "wrote")] }, marketing: true, online: ["a"] },
    { account: "a" },
  ],
  [
    "member: a friend before one written to",
    { facts: { kind: "member", paths: [path("a", "wrote"), path("b", "friend")] }, marketing: true, online: ["a", "b"] },
    { account: "b" },
  ],
  [
    "member: only through B",
    { facts: { kind: "member", paths: [path("b", "friend")] }, prefer: "a", marketing: true, online: ["a", "b"] },
    { account: "b" },
  ],
  [
    "member: a reply through the account written to",
    { facts: { kind: "member", paths: [path("b", "friend"), path("a", "wrote")] }, prefer: "a", marketing: false, online: ["a", "b"] },
    { account: "a" },
  ],
  [
    "member: unreachable marketing",
    { facts: { kind: "member", paths: [] }, prefer: "a", marketing: true, online: ["a"] },
    { account: null, reason: "no_account" },
  ],
  [
    "member: an alert with no known path goes through an online account",
    { facts: { kind: "member", paths: [] }, prefer: "a", marketing: false, online: ["b"] },
    { account: "b" },
  ],
];

describe("routeDelivery", () => {
  it.each(cases)("%s", (_name, input, expected) => {
    expect(routeDelivery(input)).toEqual(expected);
  });
});
