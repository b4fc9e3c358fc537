// The one fixture of the sales integration tests (grabs, joins, their recovery): a test app plus a second
// app context over the same database and Redis (what a second process would have), one room, `members`
// members, and a sale or group-buy in that room made with one call. `useSalesFixture` sets one up for a
// describe block (made before its tests, removed after them).

import { afterAll, beforeAll } from "vitest";
import { createFlashSale } from "../../src/features/flash-sales/index.js";
import { createGroupBuy } from "../../src/features/group-buys/index.js";
import { type AppContext, createAppContext } from "../../src/kernel/app-context.js";
import type { FlashSale, GroupBuy } from "../../src/kernel/db/client.js";
import { createTestApp } from "./test-app.js";

export interface SalesFixture {
  app: AppContext;
  /** Separate connections, as another bot process would have. */
  other: AppContext;
  roomId: number;
  memberIds: number[];
  /** A flash sale of 牙刷 at ¥99 in the room, created by the first member: starting now and lasting an hour unless told. */
  newSale(stock: number, options?: { limit?: number; startsInMs?: number; lastsMs?: number }): Promise<FlashSale>;
  /** A group-buy of 大米 at ¥39 in the room, created by the first member, its deadline an hour away unless told. */
  newGroupBuy(teamSize: number, options?: { limit?: number; deadlineInMs?: number }): Promise<GroupBuy>;
  cleanup(): Promise<void>;
}

export async function createSalesFixture(members = 100): Promise<SalesFixture> {
  const { app, cleanup } = await createTestApp();
  const other = createAppContext(app.config);
  const roomId = (await app.db.room.create({ data: { wechatRoomId: "r1@chatroom", topic: "VIP群" } })).id;
  await app.db.member.createMany({ data: Array.from({ length: members }, (_, i) => ({ wechatId: `m${i}`, name: `M${i}` })) });
  const memberIds = (await app.db.member.findMany({ orderBy: { id: "asc" } })).map((m) => m.id);
  return {
    app,
    other,
    roomId,
    memberIds,
    async newSale(stock, { limit = 1, startsInMs = 0, lastsMs = 3_600_000 } = {}) {
      const startsAt = new Date(app.clock.now().getTime() + startsInMs);
      const outcome = await createFlashSale(app, {
        draft: {
          product: "牙刷",
          priceCents: 9900,
          stock,
          perMemberLimit: limit,
          startsAt,
          endsAt: new Date(startsAt.getTime() + lastsMs),
          allRooms: false,
        },
        createdById: memberIds[0]!,
        roomId,
      });
      if (outcome.kind !== "created") throw new Error(outcome.kind);
      return outcome.sale;
    },
    async newGroupBuy(teamSize, { limit = 1, deadlineInMs = 3_600_000 } = {}) {
      const outcome = await createGroupBuy(app, {
        draft: {
          product: "大米",
          priceCents: 3900,
          teamSize,
          perMemberLimit: limit,
          deadline: new Date(app.clock.now().getTime() + deadlineInMs),
          allRooms: false,
        },
        createdById: memberIds[0]!,
        roomId,
      });
      if (outcome.kind !== "created") throw new Error(outcome.kind);
      return outcome.groupBuy;
    },
    async cleanup() {
      await other.close();
      await cleanup();
    },
  };
}

/**
 * One fixture for the enclosing describe block: created in its `beforeAll`, cleaned up in its `afterAll`.
 * Call it in the block's body; read the fields inside tests (before set-up they throw).
 */
export function useSalesFixture(members = 100): Omit<SalesFixture, "cleanup"> {
  let fixture: SalesFixture | undefined;
  beforeAll(async () => {
    fixture = await createSalesFixture(members);
  });
  afterAll(async () => fixture?.cleanup());
  const ready = (): SalesFixture => {
    if (!fixture) throw new Error("the sales fixture is used before its beforeAll ran");
    return fixture;
  };
  return {
    get app() {
      return ready().app;
    },
    get other() {
      return ready().other;
    },
    get roomId() {
      return ready().roomId;
    },
    get memberIds() {
      return ready().memberIds;
    },
    newSale: (stock, options) => ready().newSale(stock, options),
    newGroupBuy: (teamSize, options) => ready().newGroupBuy(teamSize, options),
  };
}
