import { describe, expect, it } from "vitest";
import { type Community, resolveFleet, ZCommunity } from "../../../src/bot/mock-world.js";

const rooms = [
  { id: "vip", topic: "VIP群", members: ["boss", "alice"] },
  { id: "bj1", topic: "北京1群", members: ["boss", "bob", "carol"] },
  { id: "new", topic: "新品体验群", members: ["dave"] },
];

const fleetOf = (community: Community) => resolveFleet(ZCommunity.parse(community));
const problemsOf = (community: unknown) => {
  const parsed = ZCommunity.safeParse(community);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the mock world's fleet", () => {
  it("is one account in every room, reaching every member, when the community names none (as before the fleet)", () => {
    const fleet = fleetOf({ owner: "boss", rooms });
    expect(fleet.accounts).toEqual([{ id: "siyu-bot", name: "Siyu小助手", rooms: ["vip", "bj1", "new"], friends: undefined }]);
    expect(fleet.primaryOf).toEqual(
      new Map([
        ["vip", "siyu-bot"],
        ["bj1", "siyu-bot"],
        ["new", "siyu-bot"],
      ]),
    );
    expect(["boss", "alice", "dave"].map((m) => fleet.reaches("siyu-bot", m))).toEqual([true, true, true]);
  });

  it("puts every account in a room without bots, the first bot being the primary", () => {
    const fleet = fleetOf({
      owner: "boss",
      accounts: ["a", "b"],
      names: { a: "小助手A" },
      rooms: [{ ...rooms[0]!, bots: ["a"] }, { ...rooms[1]!, bots: ["b", "a"] }, rooms[2]!],
    });
    expect(fleet.accounts.map(({ id, name, rooms }) => ({ id, name, rooms }))).toEqual([
      { id: "a", name: "小助手A", rooms: ["vip", "bj1", "new"] },
      { id: "b", name: "b", rooms: ["bj1", "new"] },
    ]);
    expect(fleet.botsOf.get("bj1")).toEqual(["b", "a"]);
    expect(fleet.primaryOf).toEqual(
      new Map([
        ["vip", "a"],
        ["bj1", "b"],
        ["new", "a"],
      ]),
    );
  });

  it("reaches the members of an account's rooms and the owner by default, exactly its friends (and the owner) when listed", () => {
    const fleet = fleetOf({
      owner: "boss",
      accounts: ["a", "b"],
      rooms: [
        { ...rooms[0]!, bots: ["a"] },
        { ...rooms[1]!, bots: ["b"] },
        { ...rooms[2]!, bots: ["b"] },
      ],
      friends: { b: ["carol", "zoe"] },
    });
    const reach = (account: string) => ["boss", "alice", "bob", "carol", "dave", "zoe"].filter((m) => fleet.reaches(account, m));
    expect(reach("a")).toEqual(["boss", "alice"]);
    expect(reach("b")).toEqual(["boss", "carol", "zoe"]);
    expect(fleet.reaches("nobody", "boss")).toBe(false);
  });

  it("names an unknown or repeated account, and an account that is also a member, before anything runs", () => {
    expect(
      problemsOf({
        owner: "boss",
        accounts: ["a", "a", "alice", "小助手"],
        rooms: [{ ...rooms[0]!, bots: ["a", "c", "a"] }],
        friends: { x: ["alice"] },
      }),
    ).toEqual([
      "accounts.3: an account id may hold letters, digits, _ and - only",
      "accounts: lists an account twice",
      'accounts.2: "alice" is also a member: an account is not a member',
      'rooms.0.bots.1: no account "c" (accounts: a, a, alice, 小助手)',
      "rooms.0.bots: lists an account twice",
      'friends.x: no account "x" (accounts: a, a, alice, 小助手)',
    ]);
    expect(problemsOf({ owner: "boss", rooms: [{ ...rooms[0]!, bots: ["helper"] }] })).toEqual([
      'rooms.0.bots.0: no account "helper" (accounts: siyu-bot)',
    ]);
  });
});
