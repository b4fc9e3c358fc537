/** The address a delivery resolves to on WeChat. */
export type SendTarget =
  | { kind: "member"; wechatId: string; name: string }
  | { kind: "room"; wechatRoomId: string; topic: string };

/** The only thing that talks to WeChat for sending. Implemented by the bot over Wechaty's `say()`. */
export interface MessageSender {
  send(target: SendTarget, text: string): Promise<void>;
}

/** The contact or room is unknown to the logged-in account (deleted friend, bot removed from the room). */
export class NotReachableError extends Error {
  constructor(target: SendTarget) {
    super(`not reachable: ${target.kind === "member" ? target.wechatId : target.wechatRoomId}`);
    this.name = "NotReachableError";
  }
}
