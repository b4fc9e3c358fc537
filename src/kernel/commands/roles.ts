// Who may do what. Owner ⊃ admin ⊃ operator ⊃ member: a higher role may run everything below it.

export const ROLES = ["member", "operator", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { member: 0, operator: 1, admin: 2, owner: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = {
  member: "成员",
  operator: "运营",
  admin: "管理员",
  owner: "群主",
};

/** The roles a person may hand out: an owner grants admins and operators, an admin grants operators. */
export type GrantableRole = "admin" | "operator";

export function grantableRoles(granter: Role): GrantableRole[] {
  if (granter === "owner") return ["admin", "operator"];
  if (granter === "admin") return ["operator"];
  return [];
}
