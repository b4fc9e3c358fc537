// Tags: operators' manual member tags (标签), room tags (群标签) that pushes and the calendar target,
// and the nightly rule tags (interaction, purchase preference, channel) of the apply-rule-tags job.
// Other features read the categories (segments, polls).

export { applyRuleTags, CHANNEL_NAMES, INTERACTION_NAMES } from "./apply-rule-tags.js";
export { tagCommands, tagEdit, tagMembers, tagShow } from "./commands.js";
export { type EditTagsOutcome, editMemberTags, listMembersByTag, readMemberTags } from "./edit-member-tags.js";
export { roomTags } from "./room-tag-commands.js";
export { TAG_CATEGORIES, type TagCategory } from "./rules/tag-categories.js";
export { type TagRoomOutcome, tagRoom } from "./tag-room.js";
