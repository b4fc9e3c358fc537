--[[
  Takes an account's lease for one process, or renews it when that process holds it already. A new
  holder gets a fresh fencing token (INCR, never reused), which it writes on the account's row: a sender
  holding an older token is refused there. Both keys carry the account's hash tag (one slot).

    Input:
      KEYS[1] lease    string "holder|token", expiring after ARGV[2] ms
      KEYS[2] fencing  counter of tokens handed out

      ARGV[1] holder (e.g. "host:pid:random")
      ARGV[2] lease time, ms

    Output:
      {1, token}            - held by ARGV[1] (taken now or renewed)
      {0, ms left, value}   - held by another process (its "holder|token") for ms left
]]
local lease = KEYS[1]
local current = redis.call("GET", lease)
if not current then
  local token = redis.call("INCR", KEYS[2])
  redis.call("SET", lease, ARGV[1] .. "|" .. token, "PX", ARGV[2])
  return {1, token}
end
local sep = string.find(current, "|", 1, true)
if sep and string.sub(current, 1, sep - 1) == ARGV[1] then
  redis.call("PEXPIRE", lease, ARGV[2])
  return {1, tonumber(string.sub(current, sep + 1))}
end
return {0, redis.call("PTTL", lease), current}
