import { randomUUID } from "node:crypto";
import { types } from "wechaty";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { z } from "zod";

// An account id doubles as its BOT_ACCOUNT (it names the account's outbox queue) and its WeChat id.
const ZAccountId = z.string().regex(/^[A-Za-z0-9_-]+$/, { message: "an account id may hold letters, digits, _ and - only" });

/**
 * A community to play on the mock WeChat: the demo's, or a scenario's. Member ids double as names.
 * Without `accounts`, one account (`bot`) is in every room, as before the fleet.
 */
export const ZCommunity = z
  .object({
    owner: z.string().min(1),
    bot: z.object({ id: z.string(), name: z.string() }).default({ id: "siyu-bot", name: "Siyu小助手" }),
    /** The fleet: account ids (their display names in `names`). Default: the one account `bot`. */
    accounts: z.array(ZAccountId).min(1).optional(),
    rooms: z
      .array(
        z.object({
          id: z.string().min(1),
          topic: z.string().min(1),
          members: z.array(z.string().min(1)),
          /** The accounts in this room, the first its primary. Default: every account. */
          bots: z.array(z.string().min(1)).min(1).optional(),
        }),
      )
      .min(1),
    /** Whom each account can message privately. Default, per account: the owner and every member of its rooms. */
    friends: z.record(z.string(), z.array(z.string().min(1))).optional(),
    /** Display names for member and account ids, when they differ (the demo's Chinese names). */
    names: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((community, ctx) => {
    const accounts = community.accounts ?? [community.bot.id];
    const people = new Set([community.owner, ...community.rooms.flatMap((room) => room.members)]);
    const known = `(accounts: ${accounts.join(", ")})`;
    if (new Set(accounts).size !== accounts.length) ctx.addIssue({ code: "custom", path: ["accounts"], message: "lists an account twice" });
    accounts.forEach((account, index) => {
      if (people.has(account))
        ctx.addIssue({ code: "custom", path: ["accounts", index], message: `"${account}" is also a member: an account is not a member` });
    });
    community.rooms.forEach((room, index) => {
      room.bots?.forEach((bot, at) => {
        if (!accounts.includes(bot))
          ctx.addIssue({ code: "custom", path: ["rooms", index, "bots", at], message: `no account "${bot}" ${known}` });
      });
      if (room.bots && new Set(room.bots).size !== room.bots.length)
        ctx.addIssue({ code: "custom", path: ["rooms", index, "bots"], message: "lists an account twice" });
    });
    for (const account of Object.keys(community.friends ?? {})) {
      if (!accounts.includes(account))
        ctx.addIssue({ code: "custom", path: ["friends", account], message: `no account "${account}" ${known}` });
    }
  });
export type Community = z.input<typeof ZCommunity>;

/** One account of the fleet, resolved from a community's defaults. */
export interface FleetAccount {
  /** Its BOT_ACCOUNT and WeChat id. */
  id: string;
  name: string;
  /** The rooms it is in (scenario ids). */
  rooms: string[];
  /** Whom it can message privately; `undefined`: anyone it meets (no `friends` entry for it). */
  friends: Set<string> | undefined;
}

/**
 * The accounts of a community with every default filled in: which rooms each is in, which account is
 * each room's primary (the first of its `bots`), whom each can reach privately.
 *
 * @example resolveFleet(ZCommunity.parse(c)).primaryOf.get("bj1") // "helperA"
 */
export function resolveFleet(community: z.output<typeof ZCommunity>): {
  accounts: FleetAccount[];
  botsOf: Map<string, string[]>;
  primaryOf: Map<string, string>;
  /** Whether `account` can message `person` privately (by default: its rooms' members and the owner). */
  reaches(account: string, person: string): boolean;
} {
  const ids = community.accounts ?? [community.bot.id];
  const botsOf = new Map(community.rooms.map((room) => [room.id, room.bots ?? ids]));
  const accounts = ids.map((id): FleetAccount => {
    const rooms = community.rooms.filter((room) => botsOf.get(room.id)!.includes(id)).map((room) => room.id);
    const listed = community.friends?.[id];
    return {
      id,
      name: community.accounts ? (community.names[id] ?? id) : community.bot.name,
      rooms,
      friends: listed ? new Set([community.owner, ...listed]) : undefined,
    };
  });
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const memberOf = (account: FleetAccount, person: string) =>
    person === community.owner || account.rooms.some((room) => community.rooms.find((r) => r.id === room)!.members.includes(person));
  return {
    accounts,
    botsOf,
    primaryOf: new Map([...botsOf].map(([room, bots]) => [room, bots[0]!])),
    reaches(account, person) {
      const found = byId.get(account);
      if (!found) return false;
      return found.friends ? found.friends.has(person) : memberOf(found, person);
    },
  };
}

/** What the bot sent, as seen by the people in the mock WeChat. */
export interface BotMessage {
  room?: string;
  to?: string;
  text: string;
  /** The account that sent it. */
  via: string;
}

type MockContact = ReturnType<mock.Mocker["createContact"]>;
type MockRoom = ReturnType<mock.Mocker["createRoom"]>;

const ROOM_SUFFIX = "@chatroom";

/**
 * One account's phone in the mock WeChat. wechaty-puppet-mock binds a Mocker to exactly one puppet
 * (its `puppet` setter throws the second time), so each account has its own Mocker holding the people
 * and rooms that account sees; the world plays every event into each of them.
 */
export class MockAccount {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly contacts = new Map<string, MockContact>();
  readonly rooms = new Map<string, MockRoom>();

  constructor(
    readonly id: string,
    readonly name: string,
    /** Whom it may message privately; `undefined`: anyone it meets. */
    readonly friends: Set<string> | undefined,
  ) {
    // A real account cannot write privately to someone who is not its friend: the puppet refuses it
    // in words the sender recognises as "not reachable".
    const send = this.puppet.messageSendText.bind(this.puppet);
    this.puppet.messageSendText = async (conversationId: string, text: string) => {
      if (!conversationId.endsWith(ROOM_SUFFIX) && this.friends && !this.friends.has(conversationId))
        throw new Error(`${conversationId} is not a friend of ${this.id}`);
      return send(conversationId, text);
    };
  }

  get online(): boolean {
    return this.puppet.isLoggedIn;
  }

  contact(id: string, name: string, friend: boolean): MockContact {
    let contact = this.contacts.get(id);
    if (!contact) {
      contact = this.mocker.createContact({ id, name, friend });
      this.contacts.set(id, contact);
    }
    return contact;
  }
}

/**
 * The mock WeChat the demo, the scenario runner and end-to-end tests play on: people, rooms, and the
 * fleet's accounts, driven through wechaty-puppet-mock exactly as a real puppet would deliver. A
 * person's message in a room reaches every logged-in account in that room, with one message id.
 */
export class MockWorld {
  readonly community: z.output<typeof ZCommunity>;
  readonly accounts: MockAccount[];
  private readonly fleet: ReturnType<typeof resolveFleet>;
  // Shared with every account's view (forAccount), which inherits it.
  private readonly state = { populated: false };

  constructor(community: Community) {
    this.community = ZCommunity.parse(community);
    this.fleet = resolveFleet(this.community);
    this.accounts = this.fleet.accounts.map((account) => new MockAccount(account.id, account.name, account.friends));
  }

  /** The first account's Mocker and puppet (the only ones in a one-account world). */
  get mocker(): mock.Mocker {
    return this.accounts[0]!.mocker;
  }

  get puppet(): PuppetMock {
    return this.accounts[0]!.puppet;
  }

  /** Several accounts, each run by its own bot (`BOT_ACCOUNT` = the account's id). */
  get isFleet(): boolean {
    return this.community.accounts !== undefined;
  }

  /**
   * The account a bot with this BOT_ACCOUNT drives: in a one-account world, the one account whatever
   * BOT_ACCOUNT says (it predates the fleet); in a fleet, the account of that id.
   */
  account(botAccount: string): MockAccount {
    if (!this.isFleet) return this.accounts[0]!;
    const found = this.accounts.find((account) => account.id === botAccount || account.name === botAccount);
    if (!found) throw new Error(`no account "${botAccount}" in this world (accounts: ${this.accounts.map((a) => a.id).join(", ")})`);
    return found;
  }

  /**
   * This world as the bot of one account sees it: `puppet`, `mocker` and `login()` are that account's,
   * everything else is the world's. What `startStack` is given for each account's bot.
   *
   * @example await startStack({ ...config, account: "helperB" }, { world: world.forAccount("helperB") })
   */
  forAccount(botAccount: string): MockWorld {
    const account = this.account(botAccount);
    const view = Object.create(this) as MockWorld;
    Object.defineProperties(view, {
      puppet: { get: () => account.puppet },
      mocker: { get: () => account.mocker },
      login: { value: (name?: string) => this.login(name ?? account.id) },
    });
    return view;
  }

  /** Which accounts are in a room, its primary first. */
  botsIn(roomId: string): string[] {
    return this.fleet.botsOf.get(roomId) ?? [];
  }

  /** Creates everyone and every room in each account's phone. Call after the bots have started; safe to call again. */
  populate(): void {
    if (this.state.populated) return;
    this.state.populated = true;
    const { owner, rooms } = this.community;
    for (const [index, account] of this.accounts.entries()) {
      const info = this.fleet.accounts[index]!;
      account.contact(account.id, account.name, false);
      account.contact(owner, this.nameOf(owner), true);
      for (const roomId of info.rooms) {
        const room = rooms.find((r) => r.id === roomId)!;
        const bots = this.botsIn(room.id);
        for (const bot of bots) if (bot !== account.id) account.contact(bot, this.accountNamed(bot).name, false);
        for (const member of room.members) account.contact(member, this.nameOf(member), this.fleet.reaches(account.id, member));
        account.rooms.set(
          room.id,
          account.mocker.createRoom({ id: `${room.id}${ROOM_SUFFIX}`, topic: room.topic, memberIdList: [...bots, ...room.members] }),
        );
      }
      for (const friend of info.friends ?? []) account.contact(friend, this.nameOf(friend), true);
    }
  }

  /** Logs an account in (the first, without a name): its bot gets `login`, then syncs its rooms. */
  login(botAccount?: string): void {
    const account = botAccount === undefined ? this.accounts[0]! : this.account(botAccount);
    account.mocker.login(account.contacts.get(account.id)!);
  }

  /** Logs an account out, as WeChat does when a session expires: its bot gets `logout`. */
  async logout(botAccount: string, reason = "logged out in the mock WeChat"): Promise<void> {
    await this.account(botAccount).puppet.logout(reason);
  }

  /**
   * A person says `text` in a room (every logged-in account in it receives it, with one message id),
   * or privately to an account (`via`; default the first that can reach them). `@id` mentions that person.
   * Returns the account a private message went to (none for a room message).
   */
  say(from: string, text: string, roomId?: string, via?: string): string | undefined {
    if (roomId) {
      this.room(roomId);
      const id = randomUUID();
      for (const account of this.accounts) {
        const room = account.rooms.get(roomId);
        if (!room || !account.online) continue;
        const mentionIdList: string[] = [];
        const rendered = text.replace(/@([^\s@]+)/g, (whole, name: string) => {
          const contact = account.contacts.get(name) ?? this.byName(account, name);
          if (!contact) return whole;
          mentionIdList.push(contact.id);
          return `@${contact.payload.name}\u2005`;
        });
        const talkerId = this.personIn(account, from).id;
        this.deliver(account, { id, talkerId, roomId: room.id, mentionIdList, text: rendered, timestamp: Date.now(), type: TEXT });
      }
      return undefined;
    }
    const account = via === undefined ? this.privateAccountOf(from) : this.account(via);
    if (account.friends && !account.friends.has(from)) throw new Error(`${from} is not a friend of ${account.id}`);
    const talker = this.personIn(account, from);
    // A logged-out phone receives nothing (WeChat keeps it for the next session; the mock drops it).
    if (!account.online) return account.id;
    this.deliver(account, { id: randomUUID(), talkerId: talker.id, listenerId: account.id, text, timestamp: Date.now(), type: TEXT });
    return account.id;
  }

  join(who: string, roomId: string, by?: string): void {
    this.room(roomId);
    for (const account of this.accountsIn(roomId)) {
      const room = account.rooms.get(roomId)!;
      const invitee = this.personIn(account, who);
      if (account.online) room.add(invitee).by(this.personIn(account, by ?? this.community.owner));
      else room.payload.memberIdList.push(invitee.id);
    }
  }

  leave(who: string, roomId: string): void {
    this.room(roomId);
    for (const account of this.accountsIn(roomId)) {
      const room = account.rooms.get(roomId)!;
      const removee = this.personIn(account, who);
      if (account.online) room.remove(removee).by(this.personIn(account, this.community.owner));
      else room.payload.memberIdList = room.payload.memberIdList.filter((id) => id !== removee.id);
    }
  }

  rename(roomId: string, topic: string, by?: string): void {
    this.room(roomId);
    for (const account of this.accountsIn(roomId)) {
      const room = account.rooms.get(roomId)!;
      if (account.online) room.topic(topic).by(this.personIn(account, by ?? this.community.owner));
      else room.payload.topic = topic;
    }
  }

  /** Calls back for every message any of the fleet's accounts sends, naming the account (`via`). */
  onBotMessage(listener: (message: BotMessage) => void): () => void {
    const stops = this.accounts.map((account) => {
      const handler = ({ messageId }: { messageId: string }) => {
        const payload = account.mocker.messagePayload(messageId);
        if (payload.talkerId !== account.id) return;
        const text = payload.text ?? "";
        if (payload.roomId) listener({ room: payload.roomId.replace(ROOM_SUFFIX, ""), text, via: account.id });
        else if ("listenerId" in payload && payload.listenerId) listener({ to: payload.listenerId, text, via: account.id });
      };
      account.puppet.on("message", handler);
      return () => account.puppet.off("message", handler);
    });
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** A room by scenario id or by current topic. */
  findRoomId(idOrTopic: string): string | undefined {
    if (this.community.rooms.some((room) => room.id === idOrTopic)) return idOrTopic;
    for (const account of this.accounts) for (const [id, room] of account.rooms) if (room.payload.topic === idOrTopic) return id;
    return undefined;
  }

  /** A person by id or display name. */
  findPersonId(idOrName: string): string | undefined {
    for (const account of this.accounts) {
      if (account.contacts.has(idOrName)) return idOrName;
      const found = this.byName(account, idOrName);
      if (found) return found.id;
    }
    return undefined;
  }

  displayName(id: string): string {
    for (const account of this.accounts) {
      const contact = account.contacts.get(id);
      if (contact) return contact.payload.name;
    }
    return this.nameOf(id);
  }

  private deliver(account: MockAccount, payload: MockMessagePayload): void {
    // What ContactMock.say().to() does, with the id chosen here, so every account sees one message id.
    const message = account.mocker.MessageMock.create(payload as Parameters<typeof account.mocker.MessageMock.create>[0]);
    account.puppet.emit("message", { messageId: message.id });
  }

  private accountsIn(roomId: string): MockAccount[] {
    return this.accounts.filter((account) => account.rooms.has(roomId));
  }

  /**
   * Where a private message goes without `via`: the first logged-in account that reaches the person,
   * else one that meets anyone (no `friends` entry: someone new who writes, as before the fleet).
   */
  private privateAccountOf(person: string): MockAccount {
    const reaching = this.accounts.filter((account) => this.fleet.reaches(account.id, person));
    const candidates = reaching.length > 0 ? reaching : this.accounts.filter((account) => !account.friends);
    return candidates.find((account) => account.online) ?? candidates[0] ?? this.accounts[0]!;
  }

  /** The person as the account's phone knows them, met now if need be (someone who writes or joins). */
  private personIn(account: MockAccount, id: string): MockContact {
    return account.contact(id, this.nameOf(id), !account.friends || account.friends.has(id));
  }

  private accountNamed(id: string): MockAccount {
    return this.accounts.find((account) => account.id === id)!;
  }

  private nameOf(id: string): string {
    return this.community.names[id] ?? id;
  }

  private room(id: string): void {
    if (!this.community.rooms.some((room) => room.id === id)) throw new Error(`no room "${id}" in this community`);
  }

  private byName(account: MockAccount, name: string): MockContact | undefined {
    for (const contact of account.contacts.values()) if (contact.payload.name === name) return contact;
    return undefined;
  }
}

const TEXT = types.Message.Text;
type MockMessagePayload = {
  id: string;
  talkerId: string;
  text: string;
  timestamp: number;
  type: typeof TEXT;
} & ({ roomId: string; mentionIdList: string[] } | { listenerId: string });
