--[[
  Brings an existing gate in line with the sale's record (cancelled, moved, limit or rooms changed);
  never creates a partial gate: a missing gate stays missing until it is loaded whole.

    Input:
      KEYS[1] meta  hash: start, end, limit, state, rooms, soldOuts

      ARGV[1] state ('on' | 'cancelled' | 'ended')
      ARGV[2] start, epoch ms
      ARGV[3] end, epoch ms
      ARGV[4] per-member limit
      ARGV[5] rooms, comma-framed (',3,7,')

    Output:
      1 - updated
      0 - no gate; nothing written
]]
local meta = KEYS[1]
if redis.call('EXISTS', meta) == 0 then return 0 end
redis.call('HSET', meta, 'state', ARGV[1], 'start', ARGV[2], 'end', ARGV[3], 'limit', ARGV[4], 'rooms', ARGV[5])
return 1
