import type { AppContext } from "../../kernel/app-context.js";
import { localDay } from "../../kernel/time/zone.js";

export interface Speaker {
  wechatId: string;
  name: string;
}

export interface RoomSeen {
  wechatRoomId: string;
  topic: string;
}

/**
 * Records that a member spoke (in a room or privately): registers member, room and membership,
 * refreshes names and last-seen, and counts the day's interaction. Runs for every message.
 */
export async function recordMessage(app: AppContext, input: { speaker: Speaker; room?: RoomSeen; at: Date; timeZone: string }) {
  const { db } = app;
  const { speaker, room, at } = input;
  const member = await db.member.upsert({
    where: { wechatId: speaker.wechatId },
    create: { wechatId: speaker.wechatId, name: speaker.name, firstSeenAt: at, lastSeenAt: at },
    update: { name: speaker.name, lastSeenAt: at },
  });
  const day = new Date(`${localDay(at, input.timeZone)}T00:00:00Z`);
  await db.interactionDaily.upsert({
    where: { memberId_day: { memberId: member.id, day } },
    create: { memberId: member.id, day, messages: 1 },
    update: { messages: { increment: 1 } },
  });
  if (!room) return { member, room: undefined };
  const roomRow = await db.room.upsert({
    where: { wechatRoomId: room.wechatRoomId },
    create: { wechatRoomId: room.wechatRoomId, topic: room.topic },
    update: { topic: room.topic, active: true },
  });
  await db.roomMember.upsert({
    where: { roomId_memberId: { roomId: roomRow.id, memberId: member.id } },
    create: { roomId: roomRow.id, memberId: member.id, joinedAt: at },
    update: { leftAt: null },
  });
  return { member, room: roomRow };
}
