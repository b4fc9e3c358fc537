import type { Db } from "../../infra/db/client.js";

/** A room's own welcome for newcomers ({昵称}, {群名}); null goes back to WELCOME_TEXT. */
export async function setWelcomeText(db: Db, roomId: number, text: string | null): Promise<void> {
  await db.room.update({ where: { id: roomId }, data: { welcomeText: text } });
}
