import type { Db } from "../../kernel/db/client.js";

/** A room's topic changed. Its identity (the WeChat room id) does not, so nothing aimed at it breaks. */
export async function renameRoom(db: Db, wechatRoomId: string, topic: string) {
  return db.room.upsert({
    where: { wechatRoomId },
    create: { wechatRoomId, topic },
    update: { topic },
  });
}
