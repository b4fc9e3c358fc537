import type { AppContext } from "../../kernel/app-context.js";
import { grantableRoles, type Role } from "../../kernel/commands/roles.js";

export type RevokeOutcome =
  | { kind: "revoked"; previous: Role }
  | { kind: "notAnOperator" }
  | { kind: "notAllowed" }
  | { kind: "targetIsOwner" };

/** Takes a role away: the owner from anyone, an admin from operators only. */
export async function revokeRole(
  app: AppContext,
  input: { revoker: { role: Role }; target: { id: number; role: Role } },
): Promise<RevokeOutcome> {
  const { revoker, target } = input;
  if (target.role === "owner") return { kind: "targetIsOwner" };
  if (target.role === "member") return { kind: "notAnOperator" };
  if (!(grantableRoles(revoker.role) as Role[]).includes(target.role)) return { kind: "notAllowed" };
  await app.db.operator.delete({ where: { memberId: target.id } });
  return { kind: "revoked", previous: target.role };
}
