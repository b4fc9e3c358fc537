// Segments (人群): a small language over layers, tags, rooms, saved segments and member attributes
// (分层:高价值 且 标签:母婴), checked against the database, previewed, saved by name, and walked page by
// page by pushes. What the rest of the product may use.

export { segmentList, segmentPreview, segmentSave } from "./commands.js";

// Use cases (each takes the app context first).
export { countPushAudience, previewSegment, type SegmentPreview, segmentPage } from "./preview-segment.js";
export { type ResolvedSegment, type RoomBindings, resolveSegment, roomBindingsOf } from "./resolve-segment.js";
export { listSegments, type SaveSegmentOutcome, saveSegment } from "./save-segment.js";
export { segmentTexts } from "./texts.js";
