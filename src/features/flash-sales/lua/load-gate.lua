--[[
  Puts a sale's gate in place from its durable record, unless it is there already (several processes
  may load it at once; the first one wins, the rest change nothing).

    Input:
      KEYS[1] meta      hash: start, end, limit, state, rooms, soldOuts
      KEYS[2] left      string: units left
      KEYS[3] taken     hash: member -> live grabs
      KEYS[4] seq       hash: member -> grabs ever
      KEYS[5] released  set: ids of orders whose unit is back in stock

      ARGV[1] start, epoch ms
      ARGV[2] end, epoch ms
      ARGV[3] per-member limit
      ARGV[4] state ('on' | 'cancelled' | 'ended')
      ARGV[5] rooms, comma-framed (',3,7,')
      ARGV[6] units left (already counts the units of the orders in ARGV[8])
      ARGV[7] times the sale sold out so far
      ARGV[8] ids of the orders no longer live (expired, cancelled), comma-separated: a late release of
              one of them must not return its unit twice
      ARGV[9 + 3i]   member id          } one triple per member
      ARGV[10 + 3i]  live grabs         } holding grabs,
      ARGV[11 + 3i]  grabs ever (seq)   } i = 0, 1, …

    Output:
      1 - loaded
      0 - a gate was there already; nothing changed
]]
local meta, left, taken, seq, released = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
if redis.call('EXISTS', meta) == 1 then return 0 end
redis.call('HSET', meta, 'start', ARGV[1], 'end', ARGV[2], 'limit', ARGV[3], 'state', ARGV[4], 'rooms', ARGV[5], 'soldOuts', ARGV[7])
redis.call('SET', left, ARGV[6])
for id in string.gmatch(ARGV[8], '%d+') do redis.call('SADD', released, id) end
for i = 9, #ARGV, 3 do
  redis.call('HSET', taken, ARGV[i], ARGV[i + 1])
  redis.call('HSET', seq, ARGV[i], ARGV[i + 2])
end
return 1
