// Roles: owners and admins grant and revoke operator and admin rights (授权/撤销). The answer to a
// member name that fits no one, or several, is shared with other features' commands (rolesTexts).
export { grant, revoke } from "./commands.js";
export { grantRole, type GrantOutcome } from "./grant-role.js";
export { revokeRole, type RevokeOutcome } from "./revoke-role.js";
export { rolesTexts } from "./texts.js";
