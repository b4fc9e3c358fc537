/** The address a delivery resolves to on WeChat. */
export type SendTarget = { kind: "member"; wechatId: string; name: string } | { kind: "room"; wechatRoomId: string; topic: string };

/** The only thing that talks to WeChat for sending. Implemented by the bot over Wechaty's `say()`. */
export interface MessageSender {
  send(target: SendTarget, text: string): Promise<void>;
}

/**
 * The contact or room cannot be reached by the logged-in account (deleted friend, not a friend,
 * bot removed from the room): the delivery is skipped, and the circuit breaker does not count it.
 */
export class NotReachableError extends Error {
  constructor(target: SendTarget, options?: ErrorOptions) {
    super(`not reachable: ${target.kind === "member" ? target.wechatId : target.wechatRoomId}`, options);
    this.name = "NotReachableError";
  }
}
