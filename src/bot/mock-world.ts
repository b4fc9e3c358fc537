import { mock, PuppetMock } from "wechaty-puppet-mock";
import { z } from "zod";

/** A community to play on the mock WeChat: the demo's, or a scenario's. Member ids double as names. */
export const ZCommunity = z.object({
  owner: z.string().min(1),
  bot: z.object({ id: z.string(), name: z.string() }).default({ id: "siyu-bot", name: "Siyu小助手" }),
  rooms: z.array(z.object({ id: z.string().min(1), topic: z.string().min(1), members: z.array(z.string().min(1)) })).min(1),
  /** Display names for member ids, when they differ (the demo's Chinese names). */
  names: z.record(z.string(), z.string()).default({}),
});
export type Community = z.input<typeof ZCommunity>;

/** What the bot sent, as seen by the people in the mock WeChat. */
export interface BotMessage {
  room?: string;
  to?: string;
  text: string;
}

type MockContact = ReturnType<mock.Mocker["createContact"]>;
type MockRoom = ReturnType<mock.Mocker["createRoom"]>;

const ROOM_SUFFIX = "@chatroom";

/**
 * The mock WeChat the demo, the scenario runner and end-to-end tests play on: people, rooms,
 * and the bot's account, driven through wechaty-puppet-mock exactly as a real puppet would deliver.
 */
export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly community: z.output<typeof ZCommunity>;
  private readonly contacts = new Map<string, MockContact>();
  private readonly rooms = new Map<string, MockRoom>();

  constructor(community: Community) {
    this.community = ZCommunity.parse(community);
  }

  /** Creates everyone and every room. Call after the bot has started, before `login()`. */
  populate(): void {
    const { bot, owner, rooms } = this.community;
    this.contacts.set(bot.id, this.mocker.createContact({ id: bot.id, name: bot.name }));
    for (const id of new Set([owner, ...rooms.flatMap((room) => room.members)])) this.person(id);
    for (const room of rooms) {
      this.rooms.set(
        room.id,
        this.mocker.createRoom({
          id: `${room.id}${ROOM_SUFFIX}`,
          topic: room.topic,
          memberIdList: [bot.id, ...room.members],
        }),
      );
    }
  }

  login(): void {
    this.mocker.login(this.contacts.get(this.community.bot.id)!);
  }

  /** A person says `text` in a room, or to the bot privately. `@id` in the text mentions that person. */
  say(from: string, text: string, roomId?: string): void {
    const speaker = this.person(from);
    const mentioned: MockContact[] = [];
    const rendered = text.replace(/@([^\s@]+)/g, (whole, id: string) => {
      const contact = this.contacts.get(id) ?? this.byName(id);
      if (!contact || !roomId) return whole;
      mentioned.push(contact);
      return `@${contact.payload.name}\u2005`;
    });
    const conversation = roomId ? this.room(roomId) : this.contacts.get(this.community.bot.id)!;
    speaker.say(rendered, mentioned).to(conversation);
  }

  join(who: string, roomId: string, by?: string): void {
    const room = this.room(roomId);
    room.add(this.person(who)).by(by ? this.person(by) : this.person(this.community.owner));
  }

  leave(who: string, roomId: string): void {
    this.room(roomId).remove(this.person(who)).by(this.person(this.community.owner));
  }

  rename(roomId: string, topic: string, by?: string): void {
    this.room(roomId)
      .topic(topic)
      .by(by ? this.person(by) : this.person(this.community.owner));
  }

  /** Calls back for every message the bot's account sends. */
  onBotMessage(listener: (message: BotMessage) => void): () => void {
    const handler = ({ messageId }: { messageId: string }) => {
      const payload = this.mocker.messagePayload(messageId);
      if (payload.talkerId !== this.community.bot.id) return;
      const text = payload.text ?? "";
      if (payload.roomId) listener({ room: payload.roomId.replace(ROOM_SUFFIX, ""), text });
      else if ("listenerId" in payload && payload.listenerId) listener({ to: payload.listenerId, text });
    };
    this.puppet.on("message", handler);
    return () => this.puppet.off("message", handler);
  }

  /** A room by scenario id or by current topic. */
  findRoomId(idOrTopic: string): string | undefined {
    if (this.rooms.has(idOrTopic)) return idOrTopic;
    for (const [id, room] of this.rooms) if (room.payload.topic === idOrTopic) return id;
    return undefined;
  }

  /** A person by id or display name. */
  findPersonId(idOrName: string): string | undefined {
    return this.contacts.has(idOrName) ? idOrName : this.byName(idOrName)?.id;
  }

  displayName(id: string): string {
    return this.contacts.get(id)?.payload.name ?? id;
  }

  private person(id: string): MockContact {
    let contact = this.contacts.get(id);
    if (!contact) {
      contact = this.mocker.createContact({ id, name: this.community.names[id] ?? id });
      this.contacts.set(id, contact);
    }
    return contact;
  }

  private room(id: string): MockRoom {
    const room = this.rooms.get(id);
    if (!room) throw new Error(`no room "${id}" in this community`);
    return room;
  }

  private byName(name: string): MockContact | undefined {
    for (const contact of this.contacts.values()) if (contact.payload.name === name) return contact;
    return undefined;
  }
}
