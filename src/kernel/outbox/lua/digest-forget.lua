--[[
  Forgets a room's command in the digest's due set once it has been flushed, unless a reply came
  meanwhile (its due time is then later than the flush's start, and the sweep flushes it then).

    Input:
      KEYS[1] due   sorted set: "roomId kind" → when its buffer is due at the latest (epoch ms)

      ARGV[1] the member ("roomId kind")
      ARGV[2] when the flush started (epoch ms)

    Output:
      1 - forgotten; 0 - kept (due later, or not there)
]]
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if due and tonumber(due) <= tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
