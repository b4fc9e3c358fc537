import type { AppContext } from "../../kernel/app-context.js";

/** A room's topic changed. Its identity (the WeChat room id) does not, so nothing aimed at it breaks. */
export async function renameRoom(app: AppContext, wechatRoomId: string, topic: string) {
  return app.db.room.upsert({
    where: { wechatRoomId },
    create: { wechatRoomId, topic },
    update: { topic },
  });
}
