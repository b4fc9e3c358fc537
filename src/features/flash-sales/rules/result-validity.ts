// How long a sale's result is worth announcing after its end: past this (say, held by quiet hours until
// morning) it is dropped rather than posted stale. Shared by flash sales and group-buys' cancels.
export const RESULT_VALID_MS = 3 * 3_600_000;
