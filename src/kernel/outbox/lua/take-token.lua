--[[
  Takes one send token from an account's token bucket, shared by every process sending for that account.
  Redis's own clock is used: processes' clocks may disagree. The bucket refills continuously at ARGV[2]
  tokens per ms up to ARGV[1]; a bucket never seen (or expired) is full. count-tokens.lua refills the
  same way: keep the two in step.

    Input:
      KEYS[1] bucket  hash: tokens (fractional), ts (ms of the last take)

      ARGV[1] capacity (the burst)
      ARGV[2] tokens per ms

    Output:
      0      - a token was taken
      n > 0  - none left: ms until one is free (nothing written)
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
if tokens < 1 then
  return math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', bucket, 'tokens', tostring(tokens - 1), 'ts', now)
-- The bucket is full again after capacity / perMs ms: keep it a minute longer, then let it go.
redis.call('PEXPIRE', bucket, math.ceil(capacity / perMs) + 60000)
return 0
