// Roles: owners and admins grant and revoke operator and admin rights (授权/撤销). The answer to a
// member name that fits no one, or several, is shared with other features' commands (rolesTexts).
export { grant, revoke } from "./commands.js";
export { type GrantOutcome, grantRole } from "./grant-role.js";
export { type RevokeOutcome, revokeRole } from "./revoke-role.js";
export { rolesTexts } from "./texts.js";
