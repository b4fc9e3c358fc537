--[[
  Puts an expired order's unit back on sale and lets the member grab again: once per order (the
  `released` set), so a retried expiry never returns a unit twice.

    Input:
      KEYS[1] meta      hash: state, end, …
      KEYS[2] left      string: units left
      KEYS[3] taken     hash: member -> live grabs
      KEYS[4] released  set: ids of orders whose unit is back in stock

      ARGV[1] member id
      ARGV[2] now, epoch ms
      ARGV[3] order id

    Output:
      {left, open}  units left after the return; open: 1 while the sale is on and not past its end, else 0
      {-1, 0}       no gate (a rebuilt gate counts the order's unit itself)
      {-2, 0}       this order's unit was returned already
]]
local meta, left, taken, released = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local member, now, orderId = ARGV[1], ARGV[2], ARGV[3]
if redis.call('EXISTS', meta) == 0 then return {-1, 0} end
if redis.call('SADD', released, orderId) == 0 then return {-2, 0} end
local rest = redis.call('INCR', left)
if tonumber(redis.call('HGET', taken, member) or '0') > 0 then redis.call('HINCRBY', taken, member, -1) end
local open = 0
if redis.call('HGET', meta, 'state') == 'on' and tonumber(now) < tonumber(redis.call('HGET', meta, 'end')) then open = 1 end
return {rest, open}
