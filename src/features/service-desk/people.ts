// Who the service desk talks to besides the member: the owner, the admins, names for lines.
import type { AppContext } from "../../kernel/app-context.js";
import type { Member } from "../../kernel/db/client.js";
import type { LayerKey } from "../rfm/index.js";

const HIGH_VALUE: LayerKey = "high_value";

export async function findOwner(app: AppContext): Promise<Member | null> {
  return app.db.member.findUnique({ where: { wechatId: app.config.ownerWechatId } });
}

/** The owner and every admin: who hears of a breach. */
export async function ownerAndAdmins(app: AppContext): Promise<Member[]> {
  const [owner, admins] = await Promise.all([
    findOwner(app),
    app.db.member.findMany({ where: { operator: { role: "admin" } }, orderBy: { id: "asc" } }),
  ]);
  return [...(owner ? [owner] : []), ...admins.filter((a) => a.id !== owner?.id)];
}

export async function isHighValue(app: AppContext, memberId: number): Promise<boolean> {
  const rfm = await app.db.memberRfm.findUnique({ where: { memberId } });
  return rfm?.layer === HIGH_VALUE;
}

export async function namesOf(app: AppContext, ids: readonly number[]): Promise<Map<number, string>> {
  const members = await app.db.member.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(members.map((m) => [m.id, m.name]));
}
