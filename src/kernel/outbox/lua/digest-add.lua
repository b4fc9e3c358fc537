--[[
  Takes one reply to a command in a room into the reply digest (reply-digest.ts): to be sent at once
  when no burst is on (and a window opens), into the open window's buffer when one is.

    Input:
      KEYS[1] window   string: the open window's id; expires when the window ends
      KEYS[2] buffer   list: the replies waiting for the window's end (JSON, oldest first)

      ARGV[1] the window's length, ms (> 0)
      ARGV[2] the reply (JSON)
      ARGV[3] an id for the window, should this call open one
      ARGV[4] how long a buffer is kept at most, ms (a flush long overdue must not leave it forever)

    Output:
      {0, id}       - no burst: send the reply now; window `id` opened
      {1, id, ms}   - buffered in window `id`, which ends (and is flushed) in `ms`
]]
local window = redis.call('GET', KEYS[1])
if not window then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[1])
  if redis.call('EXISTS', KEYS[2]) == 0 then
    return {0, ARGV[3]}
  end
  -- The last window ended with replies still waiting (their flush is late): this one waits with them.
  window = ARGV[3]
end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return {1, window, redis.call('PTTL', KEYS[1])}
