// Community: who is in which room. The Wechaty edge records messages, joins, leaves, renames and room
// syncs through these use cases; members switch pushes off and on (退订/订阅); operators set a room's
// welcome (欢迎语).

export { forgetBotMember } from "./bot-identity.js";
export { type RoomSeen, recordMessage, type Speaker } from "./record-message.js";
export { type Newcomer, recordRoomJoin } from "./record-room-join.js";
export { recordRoomLeave } from "./record-room-leave.js";
export { renameRoom } from "./rename-room.js";
export { type SubscriptionOutcome, setSubscription } from "./set-subscription.js";
export { type SetWelcomeOutcome, setWelcomeText, WELCOME_PLACEHOLDERS } from "./set-welcome-text.js";
export { subscribe, unsubscribe } from "./subscription-commands.js";
export { syncRoomMembers } from "./sync-room-members.js";
export { welcomeText } from "./welcome-commands.js";
