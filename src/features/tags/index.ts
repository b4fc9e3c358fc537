// Tags: operators' manual member tags (标签), room tags (群标签) that pushes and the calendar target,
// and the nightly rule tags (interaction, purchase preference, channel) of the apply-rule-tags job.
// Other features read the categories (segments, polls).
export { tagCommands, tagEdit, tagMembers, tagShow } from "./commands.js";
export { roomTags } from "./room-tag-commands.js";
export { applyRuleTags, CHANNEL_NAMES, INTERACTION_NAMES } from "./apply-rule-tags.js";
export { editMemberTags, listMembersByTag, readMemberTags, type EditTagsOutcome } from "./edit-member-tags.js";
export { tagRoom, type TagRoomOutcome } from "./tag-room.js";
export { TAG_CATEGORIES, type TagCategory } from "./rules/tag-categories.js";
