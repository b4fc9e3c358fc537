import { describe, expect, it } from "vitest";
import { isUnreachableError } from "../../../src/bot/wechaty-sender.js";

describe("isUnreachableError", () => {
  it("recognises what puppets say when one recipient cannot be reached", () => {
    for (const message of [
      "消息已发出，但被对方拒收了",
      "Alice开启了朋友验证，你还不是他（她）朋友",
      "you are not a friend of this contact",
      "contact not found: wxid_abc",
      "bot is not in the room",
    ]) {
      expect(isUnreachableError(new Error(message)), message).toBe(true);
    }
  });

  it("leaves account-level trouble to the circuit breaker", () => {
    for (const message of ["操作过于频繁，请稍后再试", "ECONNRESET", "logged out", "timeout after 30000ms"]) {
      expect(isUnreachableError(new Error(message)), message).toBe(false);
    }
  });
});
