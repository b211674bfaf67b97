import { defineScript } from '../lib/lua.ts'

// One application per phone per job, in the catalog slot, around the stream-slot write
// (create-application.lua.ts): claim first, then confirm — or release when the stream refused.
// A claim is '~<appId>|<ms>' in the job's phones hash; a confirmed entry is the appId.
//   claimPhoneScript → {'claimed'} | {'job-closed'} | {'duplicate', appId} |
//                      {'busy', appId} (another request holds a fresh claim) |
//                      {'stale', claim} (an old claim: was its application stored? the caller checks)
export const claimPhoneScript = defineScript({
  keys: ['job', 'phones'],
  args: ['phone', 'claim', 'now', 'staleMs', 'takeOver'],
  source: `
local jobJson = redis.call('GET', K.job)
if not jobJson then return {'job-closed', ''} end
local okJob, job = pcall(cjson.decode, jobJson)
if not okJob or type(job) ~= 'table' then return {'unreadable', K.job} end
if job.status ~= 'open' then return {'job-closed', ''} end
local existing = redis.call('HGET', K.phones, A.phone)
if existing and existing ~= A.takeOver then
  if string.sub(existing, 1, 1) ~= '~' then return {'duplicate', existing} end
  local bar = string.find(existing, '|', 1, true)
  local at = bar and tonumber(string.sub(existing, bar + 1)) or 0
  local app = bar and string.sub(existing, 2, bar - 1) or ''
  if tonumber(A.now) - at < tonumber(A.staleMs) then return {'busy', app} end
  return {'stale', existing}
end
redis.call('HSET', K.phones, A.phone, A.claim)
return {'claimed', ''}`,
})

// The stream stored the application: the claim becomes the application, and the job's index
// and counter follow (and the filing station's list, when a station filed it). Idempotent (a
// claim already confirmed is left as it is).
export const confirmPhoneScript = defineScript({
  keys: ['phones', 'jobApps', 'jobCounters', 'stationApps'],
  args: ['phone', 'claim', 'appId', 'score', 'names', 'stationId'],
  source: `
local F = cjson.decode(A.names)
if redis.call('HGET', K.phones, A.phone) ~= A.claim then return 0 end
redis.call('HSET', K.phones, A.phone, A.appId)
redis.call('ZADD', K.jobApps, A.score, A.appId)
redis.call('HINCRBY', K.jobCounters, F.applications, 1)
if A.stationId ~= '' then redis.call('ZADD', K.stationApps, A.score, A.appId) end
return 1`,
})

// The stream refused (or replayed): the claim goes, if it is still ours.
export const releasePhoneScript = defineScript({
  keys: ['phones'],
  args: ['phone', 'claim'],
  source: `
if redis.call('HGET', K.phones, A.phone) == A.claim then redis.call('HDEL', K.phones, A.phone) return 1 end
return 0`,
})
