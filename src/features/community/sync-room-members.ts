import type { AppContext } from "../../kernel/app-context.js";
import type { Speaker } from "./record-message.js";

/**
 * Registers everyone in a room as the account sees it now (at login, or when the bot joins a room):
 * new members are created, returning ones reopened, absent ones marked as having left.
 */
export async function syncRoomMembers(app: AppContext, input: { wechatRoomId: string; topic: string; members: Speaker[]; at: Date }) {
  const { db } = app;
  const { members, at } = input;
  const room = await db.room.upsert({
    where: { wechatRoomId: input.wechatRoomId },
    create: { wechatRoomId: input.wechatRoomId, topic: input.topic },
    update: { topic: input.topic, active: true },
  });
  await db.member.createMany({
    data: members.map((m) => ({ wechatId: m.wechatId, name: m.name, firstSeenAt: at, lastSeenAt: at })),
    skipDuplicates: true,
  });
  const rows = await db.member.findMany({ where: { wechatId: { in: members.map((m) => m.wechatId) } }, select: { id: true } });
  const ids = rows.map((r) => r.id);
  await db.$transaction([
    db.roomMember.createMany({ data: ids.map((memberId) => ({ roomId: room.id, memberId, joinedAt: at })), skipDuplicates: true }),
    db.roomMember.updateMany({
      where: { roomId: room.id, memberId: { in: ids }, leftAt: { not: null } },
      data: { leftAt: null, joinedAt: at },
    }),
    db.roomMember.updateMany({ where: { roomId: room.id, memberId: { notIn: ids }, leftAt: null }, data: { leftAt: at } }),
  ]);
  return { roomId: room.id, members: ids.length };
}
