import { defineScript } from '../lib/lua.ts'

/**
 * Stores one comment if the room's rules let this viewer speak now, and tells every API process
 * (PUBLISH) in the same step: mute, established-viewer rule and slow mode are read and the
 * comment written atomically, so two quick requests cannot both slip under slow mode.
 * Returns { 'ok', entryId, atMs } | { 'muted' } | { 'new', watchedMs } | { 'slow', retryMs }.
 */
export const addCommentScript = defineScript({
  keys: ['comments', 'mutes', 'settings', 'last', 'watch'],
  args: ['viewerId', 'text', 'name', 'now', 'exempt', 'maxLen', 'channel', 'streamId', 'idPrefix'],
  source: `
local now = tonumber(A.now)
-- exempt: 'none' (a viewer), 'established' (a signed-in station), 'all' (the room's staff)
if A.exempt ~= 'all' then
  if redis.call('SISMEMBER', K.mutes, A.viewerId) == 1 then return { 'muted' } end
  local s = redis.call('HMGET', K.settings, 'slowModeSeconds', 'minWatchSeconds')
  local minWatch = tonumber(s[2]) or 0
  if minWatch > 0 and A.exempt ~= 'established' then
    local watched = tonumber(redis.call('HGET', K.watch, A.viewerId)) or 0
    if watched < minWatch * 1000 then return { 'new', tostring(watched) } end
  end
  local slow = tonumber(s[1]) or 0
  local last = tonumber(redis.call('HGET', K.last, A.viewerId))
  if slow > 0 and last and now - last < slow * 1000 then return { 'slow', tostring(last + slow * 1000 - now) } end
end
redis.call('HSET', K.last, A.viewerId, A.now)
local id = redis.call('XADD', K.comments, 'MAXLEN', '~', A.maxLen, '*', 't', A.text, 'n', A.name, 'v', A.viewerId, 'a', A.now)
local at = tonumber(string.match(id, '^(%d+)'))
redis.call('PUBLISH', A.channel, cjson.encode({ s = A.streamId, k = 'comment', c = { id = A.idPrefix .. id, text = A.text, name = A.name, at = at } }))
return { 'ok', id, tostring(at) }
`,
})
