import type { AppContext } from "../../kernel/app-context.js";
import type { RoomSeen, Speaker } from "./record-message.js";

export interface Newcomer {
  memberId: number;
  name: string;
  /** First time this member joined any room of the community: welcome gifts key on it. */
  firstEverJoin: boolean;
}

/**
 * Members joined a room: registers them, remembers who invited them (for 老带新), reopens a
 * membership for someone who had left. Returns the newcomers for the welcome.
 */
export async function recordRoomJoin(
  app: AppContext,
  input: { room: RoomSeen; invitees: Speaker[]; inviter?: Speaker; at: Date },
): Promise<{ roomId: number; welcomeText: string | null; topic: string; newcomers: Newcomer[] }> {
  const { db } = app;
  const { room, invitees, inviter, at } = input;
  const roomRow = await db.room.upsert({
    where: { wechatRoomId: room.wechatRoomId },
    create: { wechatRoomId: room.wechatRoomId, topic: room.topic },
    update: { topic: room.topic, active: true },
  });
  const inviterRow = inviter
    ? await db.member.upsert({
        where: { wechatId: inviter.wechatId },
        create: { wechatId: inviter.wechatId, name: inviter.name, firstSeenAt: at, lastSeenAt: at },
        update: { name: inviter.name },
      })
    : undefined;

  const newcomers: Newcomer[] = [];
  for (const invitee of invitees) {
    const member = await db.member.upsert({
      where: { wechatId: invitee.wechatId },
      create: {
        wechatId: invitee.wechatId,
        name: invitee.name,
        firstSeenAt: at,
        lastSeenAt: at,
        joinSource: inviterRow ? "referral" : "room_invite",
        invitedById: inviterRow?.id ?? null,
      },
      update: { name: invitee.name },
    });
    const everJoined = await db.roomMember.count({ where: { memberId: member.id } });
    await db.roomMember.upsert({
      where: { roomId_memberId: { roomId: roomRow.id, memberId: member.id } },
      create: { roomId: roomRow.id, memberId: member.id, joinedAt: at },
      update: { joinedAt: at, leftAt: null },
    });
    newcomers.push({ memberId: member.id, name: member.name, firstEverJoin: everJoined === 0 });
  }
  return { roomId: roomRow.id, welcomeText: roomRow.welcomeText, topic: roomRow.topic, newcomers };
}
