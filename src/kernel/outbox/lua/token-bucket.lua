--[[
  An account's send-token bucket, shared by every process sending for that account: takes one token
  ("take") or counts what it holds without taking ("peek", for the status view). Redis's own clock is
  used: processes' clocks may disagree. The bucket refills continuously at ARGV[2] tokens per ms up to
  ARGV[1]; a bucket never seen (or expired) is full.

    Input:
      KEYS[1] bucket  hash: tokens (fractional), ts (ms of the last take)

      ARGV[1] capacity (the burst)
      ARGV[2] tokens per ms
      ARGV[3] "take" | "peek"

    Output ("take"):
      0      - a token was taken
      n > 0  - none left: ms until one is free (nothing written)
    Output ("peek"):
      the tokens available, as a string (a Lua number would be truncated to an integer reply); writes nothing
]]
local bucket = KEYS[1]
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', bucket, 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - ts) * perMs)
if ARGV[3] == 'peek' then
  return tostring(tokens)
end
if tokens < 1 then
  return math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', bucket, 'tokens', tostring(tokens - 1), 'ts', now)
-- The bucket is full again after capacity / perMs ms: keep it a minute longer, then let it go.
redis.call('PEXPIRE', bucket, math.ceil(capacity / perMs) + 60000)
return 0
