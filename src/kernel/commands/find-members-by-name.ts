import type { Db } from "../db/client.js";

/**
 * Members whose name is exactly `name`, those currently in `roomId` first. Used where a person is
 * named in text (`@Alice` typed in a private chat, where WeChat has no real mentions).
 */
export async function findMembersByName(db: Db, name: string, roomId?: number) {
  const members = await db.member.findMany({
    where: { name },
    include: { memberships: { where: { roomId: roomId ?? -1, leftAt: null }, select: { roomId: true } } },
    take: 10,
  });
  return members.sort((a, b) => b.memberships.length - a.memberships.length);
}
