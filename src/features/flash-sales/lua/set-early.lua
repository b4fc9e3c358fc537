--[[
  优先购: opens an existing gate early for some members (replacing any earlier early set); never creates a
  partial gate: a missing gate stays missing until it is loaded whole (which then sets this again).

    Input:
      KEYS[1] meta   hash: start, end, limit, state, rooms, soldOuts, early
      KEYS[2] early  set: members the sale opens for at meta.early

      ARGV[1]       early start, epoch ms ('' to open early for nobody)
      ARGV[2 + i]   member id, i = 0, 1, …

    Output:
      1 - set
      0 - no gate; nothing written
]]
local meta, early = KEYS[1], KEYS[2]
if redis.call('EXISTS', meta) == 0 then return 0 end
redis.call('DEL', early)
if ARGV[1] == '' then
  redis.call('HDEL', meta, 'early')
  return 1
end
for i = 2, #ARGV do redis.call('SADD', early, ARGV[i]) end
redis.call('HSET', meta, 'early', ARGV[1])
return 1
