import { PrismaPg } from "@prisma/adapter-pg";
import { databaseConnection } from "./connection.js";
import { PrismaClient } from "./generated/client.js";

export type Db = PrismaClient;

/** The Prisma client over the pg driver adapter (Prisma's Rust-free client: nothing to download). */
export function createDb(databaseUrl: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg(databaseConnection(databaseUrl, { max: poolSize })) });
}

export type {
  AuditLog,
  CalendarItem,
  Delivery,
  FlashSale,
  GroupBuy,
  GroupBuySeat,
  GroupBuyTeam,
  Member,
  MemberTag,
  Operator,
  Order,
  Room,
  RoomMember,
  Tag,
} from "./generated/client.js";
export { Prisma } from "./generated/client.js";
