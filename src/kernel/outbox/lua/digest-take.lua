--[[
  Takes the replies waiting in a digest's buffer as one batch, and returns every batch not yet known
  sent. A batch stays under its id until the flush has queued its messages (and deletes it): a flush
  that dies after taking it leaves it for the next flush, and the id makes the messages' dedupe keys,
  so a batch flushed twice is sent once.

    Input:
      KEYS[1] window   string: the open window's id
      KEYS[2] buffer   list: the replies waiting (JSON, oldest first)
      KEYS[3] batches  hash: batch id → JSON array of the batch's replies

      ARGV[1] the window's length, ms (0: the digest was turned off; no window opens)
      ARGV[2] an id for the batch taken now
      ARGV[3] an id for the window opened when a batch is taken
      ARGV[4] how long batches are kept at most, ms

    Output:
      {id1, json1, id2, json2, …}: the batches to send (none: nothing waits)
]]
local replies = redis.call('LRANGE', KEYS[2], 0, -1)
if #replies > 0 then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[3], ARGV[2], cjson.encode(replies))
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
  -- A message goes now, so the burst goes on: the next replies wait for a whole window.
  if tonumber(ARGV[1]) > 0 then
    redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[1])
  end
end
return redis.call('HGETALL', KEYS[3])
