--[[
  Renews or releases an account's lease, only for the process and token that hold it (a process that
  lost its lease, e.g. paused past the lease time, must not extend or delete the new holder's).

    Input:
      KEYS[1] lease  string "holder|token"

      ARGV[1] the expected value, "holder|token"
      ARGV[2] lease time, ms
      ARGV[3] "renew" | "release"

    Output:
      1 - renewed / released
      0 - not held with that value (lost): nothing written
]]
local lease = KEYS[1]
if redis.call("GET", lease) ~= ARGV[1] then
  return 0
end
if ARGV[3] == "release" then
  redis.call("DEL", lease)
else
  redis.call("PEXPIRE", lease, ARGV[2])
end
return 1
