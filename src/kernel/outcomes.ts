// Outcome words shared by every feature, declared once. A use case returns a union of `{ kind: … }`
// values (its own kinds plus these); the command handler turns each into a reply from its feature's
// texts.ts. "Not found" is spelled one way everywhere: `notFound`.

/** The thing asked for (a sale, a push, a template, an order, a run …) does not exist. */
export type NotFound = { kind: "notFound" };
export const notFound: NotFound = { kind: "notFound" };
