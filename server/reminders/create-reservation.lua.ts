import { defineScript } from '../lib/lua.ts'
import { CHANNEL_OF_LUA } from '../counting/channels.ts'

// Stores one reservation (预约直播) in its stream's slot, all or nothing: the stream check
// (not ended), one reservation per phone per stream (a second answers the first's id), the
// record, the phone index and the counters (total and per share channel; names from
// server/counting/fields.ts). Every read and check comes before the first write.
export const createReservationScript = defineScript({
  keys: ['stream', 'reservation', 'phones', 'counters', 'channels'],
  args: ['id', 'streamId', 'phone', 'token', 'src', 'createdAt', 'names'],
  source: `
local F = cjson.decode(A.names)
${CHANNEL_OF_LUA}local streamJson = redis.call('GET', K.stream)
if not streamJson then return {'no-stream', ''} end
local okStream, stream = pcall(cjson.decode, streamJson)
if not okStream or type(stream) ~= 'table' then return {'unreadable', ''} end
if stream.status ~= 'scheduled' and stream.status ~= 'live' then return {'ended', ''} end
local prior = redis.call('HGET', K.phones, A.phone)
if prior then return {'exists', prior} end
local channel = channelOf(A.src)
redis.call('HSET', K.reservation, 'id', A.id, 'streamId', A.streamId, 'phone', A.phone, 'token', A.token, 'channel', channel, 'createdAt', A.createdAt)
redis.call('HSET', K.phones, A.phone, A.id)
redis.call('HINCRBY', K.counters, F.reservations, 1)
redis.call('HINCRBY', K.counters, F.channel.reservations .. channel, 1)
return {'created', A.id}`,
})
