--[[
  Decides a batch of grabs of one flash sale atomically, each exactly as if it were alone, in order:
  time window (opening `early` for the members in the early set: 优先购), room, per-member limit and stock. A win takes a unit, counts the member's grab and logs
  the win in `pending` until its order row is durable. Batching amortises the per-call cost in the
  client, which is what limits a Node process, not Redis.

    Input:
      KEYS[1] meta     hash: start, end (epoch ms), limit, state ('on' | 'cancelled' | 'ended'),
                       rooms (',3,7,'), soldOuts
      KEYS[2] left     string: units left
      KEYS[3] taken    hash: member -> live grabs
      KEYS[4] seq      hash: member -> grabs ever (n of the order's unique key)
      KEYS[5] pending  hash: 'member:n' -> 'orderNo|decidedAt', wins not yet written
      KEYS[6] early    set: members the sale opens for at meta.early (epoch ms, before start); optional

      ARGV[1]          now, epoch ms (one instant for the whole batch)
      ARGV[2 + 3i]     member id     } one triple
      ARGV[3 + 3i]     room id       } per grab,
      ARGV[4 + 3i]     order number  } i = 0, 1, …

    Output:
      a flat list of (code, a, b) triples, one per grab, in order; a and b are 0 unless:
        'won', n, soldOuts   n: the member's grab count; soldOuts: times the sale sold out (0 unless
                             this grab took the last unit)
        'notOpen', start     the sale's start, epoch ms
        'limitReached', limit
        'soldOut' | 'ended' | 'cancelled' | 'notInRoom'
        'missing'            no gate loaded for this sale
]]
local meta, left, taken, seq, pending, early = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local now = tonumber(ARGV[1])
local out = {}
local function put(code, a, b) out[#out + 1] = code out[#out + 1] = a or 0 out[#out + 1] = b or 0 end
if redis.call('EXISTS', meta) == 0 then
  for i = 2, #ARGV, 3 do put('missing') end
  return out
end
local m = redis.call('HMGET', meta, 'start', 'end', 'limit', 'state', 'rooms', 'early')
local start, stop, limit, state, rooms = tonumber(m[1]), tonumber(m[2]), tonumber(m[3]), m[4], m[5]
local earlyStart = tonumber(m[6] or '')
-- Open for this member now: after the start, or after the early start for a member of the early set.
local function opened(member)
  if now >= start then return true end
  return earlyStart ~= nil and now >= earlyStart and redis.call('SISMEMBER', early, member) == 1
end
for i = 2, #ARGV, 3 do
  local member, room, orderNo = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if state == 'cancelled' then put('cancelled')
  elseif room == '' or not string.find(rooms, ',' .. room .. ',', 1, true) then put('notInRoom')
  elseif state ~= 'on' or now >= stop then put('ended')
  elseif not opened(member) then put('notOpen', m[1])
  elseif tonumber(redis.call('HGET', taken, member) or '0') >= limit then put('limitReached', limit)
  elseif tonumber(redis.call('GET', left) or '0') <= 0 then put('soldOut')
  else
    local rest = redis.call('DECR', left)
    redis.call('HINCRBY', taken, member, 1)
    local n = redis.call('HINCRBY', seq, member, 1)
    redis.call('HSET', pending, member .. ':' .. n, orderNo .. '|' .. now)
    local soldOuts = 0
    if rest == 0 then soldOuts = redis.call('HINCRBY', meta, 'soldOuts', 1) end
    put('won', n, soldOuts)
  end
end
return out
