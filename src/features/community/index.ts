// Community: who is in which room. The Wechaty edge records messages, joins, leaves, renames and room
// syncs through these use cases; members switch pushes off and on (退订/订阅); operators set a room's
// welcome (欢迎语).
export { subscribe, unsubscribe } from "./subscription-commands.js";
export { welcomeText } from "./welcome-commands.js";
export { forgetBotMember } from "./bot-identity.js";
export { recordMessage, type RoomSeen, type Speaker } from "./record-message.js";
export { recordRoomJoin, type Newcomer } from "./record-room-join.js";
export { recordRoomLeave } from "./record-room-leave.js";
export { renameRoom } from "./rename-room.js";
export { syncRoomMembers } from "./sync-room-members.js";
export { setSubscription, type SubscriptionOutcome } from "./set-subscription.js";
export { setWelcomeText, WELCOME_PLACEHOLDERS, type SetWelcomeOutcome } from "./set-welcome-text.js";
