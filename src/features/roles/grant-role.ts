import type { AppContext } from "../../kernel/app-context.js";
import { type GrantableRole, grantableRoles, type Role } from "../../kernel/commands/roles.js";

export type GrantOutcome =
  | { kind: "granted"; previous: Role }
  | { kind: "unchanged" }
  | { kind: "notAllowed"; grantable: GrantableRole[] }
  | { kind: "targetIsOwner" };

/** Gives `target` a role. An owner grants admin or operator; an admin grants operator only. */
export async function grantRole(
  app: AppContext,
  input: { granter: { id: number; role: Role }; target: { id: number; role: Role }; role: GrantableRole; at: Date },
): Promise<GrantOutcome> {
  const { granter, target, role, at } = input;
  if (target.role === "owner") return { kind: "targetIsOwner" };
  const grantable = grantableRoles(granter.role);
  // An admin may not touch another admin, even to lower them.
  if (!grantable.includes(role) || (target.role !== "member" && !(grantable as Role[]).includes(target.role))) {
    return { kind: "notAllowed", grantable };
  }
  if (target.role === role) return { kind: "unchanged" };
  await app.db.operator.upsert({
    where: { memberId: target.id },
    create: { memberId: target.id, role, grantedById: granter.id, grantedAt: at },
    update: { role, grantedById: granter.id, grantedAt: at },
  });
  return { kind: "granted", previous: target.role };
}
