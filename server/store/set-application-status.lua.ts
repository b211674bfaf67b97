import { defineScript } from '../lib/lua.ts'

// Moves an application's status, in its stream's slot; a move into or out of 'hired' counts
// or un-counts a placement (names from server/counting/fields.ts) and tells the overlay. The
// job's own placement counter is in the catalog slot: the caller moves it after, from the
// old status this returns.
export const setApplicationStatusScript = defineScript({
  keys: ['application', 'streamCounters', 'overlay'],
  args: ['status', 'updatedAt', 'jobId', 'channel', 'streamId', 'names'],
  source: `
local F = cjson.decode(A.names)
local old = redis.call('HGET', K.application, 'status')
if not old then return nil end
if old == A.status then return old end
redis.call('HSET', K.application, 'status', A.status, 'updatedAt', A.updatedAt)
local delta = 0
if A.status == 'hired' then delta = 1 elseif old == 'hired' then delta = -1 end
if delta ~= 0 then
  redis.call('HINCRBY', K.streamCounters, F.placements, delta)
  redis.call('HINCRBY', K.streamCounters, F.job.placements .. A.jobId, delta)
  local town = redis.call('HGET', K.application, 'town')
  if town then redis.call('HINCRBY', K.streamCounters, F.town.placements .. town, delta) end
  local station = redis.call('HGET', K.application, 'stationId')
  if station then redis.call('HINCRBY', K.streamCounters, F.station.placements .. station, delta) end
  redis.call('HINCRBY', K.overlay, 'version', 1)
  redis.call('PUBLISH', A.channel, A.streamId)
end
return old`,
})
