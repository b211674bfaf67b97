import { defineScript } from '../lib/lua.ts'
import { CHANNEL_OF_LUA } from '../counting/channels.ts'

// Stores one application in its stream's slot, all or nothing: idempotency replay, the stream
// check (the job is on it), the record (its companyId from the stream), the stream's index,
// counters (per job, town, station and share channel; names from server/counting/fields.ts), the per-minute
// series, and the overlay version + change message. The job's side (one application per phone
// per job, the job's index and counters) lives in the catalog slot: see claim-phone.lua.ts.
// Every read, decode and check comes before the first write, so a failure can only refuse
// (Redis does not roll scripts back). The record arrives as field/value pairs after the named
// arguments (REST…), so nothing of the applicant's is decoded; a stored stream cjson cannot
// read answers 'unreadable' instead of raising.
export const createApplicationScript = defineScript({
  keys: ['idempotency', 'application', 'streamApps', 'streamCounters', 'streamMinutes', 'overlay', 'stream', 'channels'],
  args: ['useKey', 'id', 'score', 'jobId', 'minute', 'idempotencyTtl', 'channel', 'streamId', 'town', 'stationId', 'src', 'names'],
  source: `
local F = cjson.decode(A.names)
${CHANNEL_OF_LUA}if A.useKey == '1' then
  local prior = redis.call('GET', K.idempotency)
  if prior then return {'replay', prior} end
end
local streamJson = redis.call('GET', K.stream)
if not streamJson then return {'no-stream', ''} end
local okStream, stream = pcall(cjson.decode, streamJson)
if not okStream or type(stream) ~= 'table' or type(stream.companyId) ~= 'string' or type(stream.jobIds) ~= 'table' then return {'unreadable', K.stream} end
local listed = false
for _, id in ipairs(stream.jobIds) do if id == A.jobId then listed = true end end
if not listed then return {'not-in-stream', ''} end
redis.call('HSET', K.application, 'companyId', stream.companyId, unpack(ARGV, REST))
redis.call('ZADD', K.streamApps, A.score, A.id)
redis.call('HINCRBY', K.streamCounters, F.applications, 1)
redis.call('HINCRBY', K.streamCounters, F.job.applications .. A.jobId, 1)
redis.call('HINCRBY', K.streamMinutes, F.minute.applications .. A.minute, 1)
if A.town ~= '' then redis.call('HINCRBY', K.streamCounters, F.town.applications .. A.town, 1) end
if A.stationId ~= '' then redis.call('HINCRBY', K.streamCounters, F.station.applications .. A.stationId, 1) end
redis.call('HINCRBY', K.streamCounters, F.channel.applications .. channelOf(A.src), 1)
redis.call('HINCRBY', K.overlay, 'version', 1)
if A.useKey == '1' then redis.call('SET', K.idempotency, A.id, 'EX', A.idempotencyTtl) end
redis.call('PUBLISH', A.channel, A.streamId)
return {'created', A.id, stream.companyId}`,
})
