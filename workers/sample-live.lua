-- Samples one live stream's concurrency: sessions with a join or beat in the last 35 s and no
-- leave. Keeps the peak and the per-minute maximum, and tells the overlay when it changed.
-- KEYS: 1 active, 2 counters, 3 minutes, 4 live      ARGV: 1 now ms, 2 channel, 3 streamId
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 35000)
local conc = redis.call('ZCARD', KEYS[1])
local prev = tonumber(redis.call('HGET', KEYS[2], 'concurrent') or '-1')
redis.call('HSET', KEYS[2], 'concurrent', conc)
if conc > tonumber(redis.call('HGET', KEYS[2], 'peakConcurrent') or '0') then
  redis.call('HSET', KEYS[2], 'peakConcurrent', conc)
end
local field = 'conc:' .. math.floor(now / 60000)
if conc > tonumber(redis.call('HGET', KEYS[3], field) or '-1') then redis.call('HSET', KEYS[3], field, conc) end
if conc ~= prev then
  redis.call('HINCRBY', KEYS[4], 'version', 1)
  redis.call('PUBLISH', ARGV[2], ARGV[3])
end
return conc
