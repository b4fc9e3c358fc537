--[[
  Counts the send tokens an account's token bucket holds now, without taking one (for the status view).
  Refills exactly as take-token.lua does (Redis's clock, ARGV[2] tokens per ms up to ARGV[1]): keep the
  two in step. Writes nothing.

    Input:
      KEYS[1] bucket  hash: tokens (fractional), ts (ms of the last take)

      ARGV[1] capacity (the burst)
      ARGV[2] tokens per ms

    Output:
      the tokens available, as a string (a Lua number would be truncated to an integer reply)
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
return tostring(tokens)
