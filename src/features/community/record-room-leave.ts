import type { AppContext } from "../../kernel/app-context.js";

/** Members left (or were removed from) a room. The bot itself leaving marks the room unreachable. */
export async function recordRoomLeave(
  app: AppContext,
  input: { wechatRoomId: string; leaverWechatIds: string[]; botWechatId?: string; at: Date },
): Promise<void> {
  const { db } = app;
  const room = await db.room.findUnique({ where: { wechatRoomId: input.wechatRoomId } });
  if (!room) return;
  await db.roomMember.updateMany({
    where: { roomId: room.id, member: { wechatId: { in: input.leaverWechatIds } }, leftAt: null },
    data: { leftAt: input.at },
  });
  if (input.botWechatId && input.leaverWechatIds.includes(input.botWechatId)) {
    await db.room.update({ where: { id: room.id }, data: { active: false } });
  }
}
