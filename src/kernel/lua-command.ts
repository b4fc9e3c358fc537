import { readFileSync } from "node:fs";
import type { RedisClient } from "./redis.js";

/** A Lua script kept in a `.lua` file beside the module that runs it, registered as a Redis command. */
export interface LuaCommand {
  name: string;
  numberOfKeys: number;
  lua: string;
}

/**
 * Reads a script once, at module load. `url` is relative to the caller's `import.meta.url`, so it resolves
 * under src/ when tsx or vitest run the sources and under dist/ in the build (which copies the .lua files).
 *
 * @example const GRAB = luaCommand("siyuGrab", 5, new URL("./lua/grab.lua", import.meta.url));
 */
export function luaCommand(name: string, numberOfKeys: number, url: URL): LuaCommand {
  return { name, numberOfKeys, lua: readFileSync(url, "utf8") };
}

/**
 * Defines the commands on a connection unless it has them already (several modules share one connection).
 * ioredis then sends EVALSHA, and EVAL once when Redis does not know the script yet.
 */
export function defineLuaCommands(redis: RedisClient, commands: readonly LuaCommand[]): void {
  for (const { name, numberOfKeys, lua } of commands) {
    if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua });
  }
}
