// For sales integration tests: a test app plus a second app context over the same database and Redis
// (what a second process would have), one room and `members` members.
import { createAppContext, type AppContext } from "../../src/kernel/app-context.js";
import { createTestApp } from "./test-app.js";

export interface SalesFixture {
  app: AppContext;
  /** Separate connections, as another bot process would have. */
  other: AppContext;
  roomId: number;
  memberIds: number[];
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
    async cleanup() {
      await other.close();
      await cleanup();
    },
  };
}
