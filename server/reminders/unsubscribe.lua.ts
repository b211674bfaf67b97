import { defineScript } from '../lib/lua.ts'

// Unsubscribes one reservation in its stream's slot: marks it, forgets the phone (record and
// index), un-counts it (total and its channel). Once only: a second call changes nothing.
// The caller has checked the token (constant time) before.
export const unsubscribeScript = defineScript({
  keys: ['reservation', 'phones', 'counters'],
  args: ['id', 'at', 'names'],
  source: `
local F = cjson.decode(A.names)
local r = redis.call('HMGET', K.reservation, 'id', 'phone', 'channel', 'unsubscribedAt')
if not r[1] then return 'missing' end
if r[4] then return 'already' end
redis.call('HSET', K.reservation, 'unsubscribedAt', A.at)
redis.call('HDEL', K.reservation, 'phone')
if r[2] and redis.call('HGET', K.phones, r[2]) == A.id then redis.call('HDEL', K.phones, r[2]) end
redis.call('HINCRBY', K.counters, F.reservations, -1)
redis.call('HINCRBY', K.counters, F.channel.reservations .. (r[3] or 'direct'), -1)
return 'unsubscribed'`,
})
