import { defineScript } from '../lib/lua.ts'

// Stores one application, all or nothing, in one round trip: idempotency replay, the stream and
// job checks, one per phone per job, the record (its companyId from the stream), both indexes,
// the counters (per job, town and station; names from server/counting/fields.ts), the
// per-minute series, and the overlay version + change message.
// Every read, decode and check comes before the first write, so a failure can only refuse:
// Redis does not roll scripts back, and a phone entry pointing at no application would lock
// that phone out of the job for good. The record arrives as field/value pairs after the named
// arguments (REST…), so nothing of the applicant's is decoded; a stored stream or job cjson
// cannot read answers 'unreadable' instead of raising.
export const createApplicationScript = defineScript({
  keys: ['idempotency', 'phones', 'application', 'streamApps', 'jobApps', 'streamCounters', 'jobCounters', 'streamMinutes', 'live', 'stream', 'job'],
  args: ['useKey', 'phone', 'id', 'score', 'jobId', 'minute', 'idempotencyTtl', 'channel', 'streamId', 'town', 'stationId', 'names'],
  source: `
local F = cjson.decode(A.names)
if A.useKey == '1' then
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
local jobJson = redis.call('GET', K.job)
if not jobJson then return {'job-closed', ''} end
local okJob, job = pcall(cjson.decode, jobJson)
if not okJob or type(job) ~= 'table' then return {'unreadable', K.job} end
if job.status ~= 'open' then return {'job-closed', ''} end
local existing = redis.call('HGET', K.phones, A.phone)
if existing then return {'duplicate', existing} end
redis.call('HSET', K.phones, A.phone, A.id)
redis.call('HSET', K.application, 'companyId', stream.companyId, unpack(ARGV, REST))
redis.call('ZADD', K.streamApps, A.score, A.id)
redis.call('ZADD', K.jobApps, A.score, A.id)
redis.call('HINCRBY', K.streamCounters, F.applications, 1)
redis.call('HINCRBY', K.streamCounters, F.job.applications .. A.jobId, 1)
redis.call('HINCRBY', K.jobCounters, F.applications, 1)
redis.call('HINCRBY', K.streamMinutes, F.minute.applications .. A.minute, 1)
if A.town ~= '' then redis.call('HINCRBY', K.streamCounters, F.town.applications .. A.town, 1) end
if A.stationId ~= '' then redis.call('HINCRBY', K.streamCounters, F.station.applications .. A.stationId, 1) end
redis.call('HINCRBY', K.live, 'version', 1)
if A.useKey == '1' then redis.call('SET', K.idempotency, A.id, 'EX', A.idempotencyTtl) end
redis.call('PUBLISH', A.channel, A.streamId)
return {'created', A.id, stream.companyId}`,
})
