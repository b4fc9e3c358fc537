import type { Db } from "../db/client.js";
import type { Role } from "./roles.js";

/** A member's role: the configured owner is always owner; otherwise what was granted, or member. */
export async function resolveRole(db: Db, ownerWechatId: string, member: { id: number; wechatId: string }): Promise<Role> {
  if (member.wechatId === ownerWechatId) return "owner";
  const operator = await db.operator.findUnique({ where: { memberId: member.id } });
  return operator?.role ?? "member";
}
