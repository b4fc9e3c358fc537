import type { Room } from "wechaty";
import { renameRoom } from "../../features/community/index.js";
import type { AppContext } from "../../kernel/app-context.js";

/** A rename changes the topic we show, never the room's identity. */
export function onRoomTopic(app: AppContext) {
  return async (room: Room, newTopic: string, oldTopic: string): Promise<void> => {
    await renameRoom(app, room.id, newTopic);
    app.logger.info({ room: room.id, oldTopic, newTopic }, "room renamed");
  };
}
