import { defineScript } from '../lib/lua.ts'

// Samples one live stream's concurrency: sessions with a join or beat in the last 35 s and no
// leave. Keeps the peak and the per-minute maximum, and tells the overlay when it changed.
export const sampleScript = defineScript({
  keys: ['active', 'counters', 'minutes', 'overlay'],
  args: ['now', 'channel', 'streamId', 'names'],
  source: `
local F = cjson.decode(A.names)
local now = tonumber(A.now)
redis.call('ZREMRANGEBYSCORE', K.active, '-inf', now - 35000)
local conc = redis.call('ZCARD', K.active)
local prev = tonumber(redis.call('HGET', K.counters, F.concurrent) or '-1')
redis.call('HSET', K.counters, F.concurrent, conc)
if conc > tonumber(redis.call('HGET', K.counters, F.peakConcurrent) or '0') then
  redis.call('HSET', K.counters, F.peakConcurrent, conc)
end
local field = F.minute.concurrent .. math.floor(now / 60000)
if conc > tonumber(redis.call('HGET', K.minutes, field) or '-1') then redis.call('HSET', K.minutes, field, conc) end
if conc ~= prev then
  redis.call('HINCRBY', K.overlay, 'version', 1)
  redis.call('PUBLISH', A.channel, A.streamId)
end
return conc`,
})

// A hash field that only grows: keeps the larger of what it holds and A.value.
export const keepMaxScript = defineScript({
  keys: ['hash'],
  args: ['field', 'value'],
  source: `
if tonumber(A.value) > tonumber(redis.call('HGET', K.hash, A.field) or '-1') then redis.call('HSET', K.hash, A.field, A.value) end`,
})
