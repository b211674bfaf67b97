import { defineScript } from '../lib/lua.ts'

/**
 * Counts one stored comment (docs/counting.md): comments +1, its minute +1, and commenters +1
 * the first time this viewer comments on the stream (an exact set, bounded by the audience).
 * Keys: the stream's slot {s:<id>}. A.names: fields.ts LUA_NAMES.
 * COUNT_COMMENT_LUA is the same body for a script that stores the comment and wants the count
 * in the same atomic step: it needs K.counters, K.commenters, K.minutes, A.viewerId, A.at and
 * a decoded `F` (cjson.decode(A.names)) in scope.
 */
export const COUNT_COMMENT_LUA = `
do
  redis.call('HINCRBY', K.counters, F.comments, 1)
  redis.call('HINCRBY', K.minutes, F.minute.comments .. string.format('%d', math.floor(tonumber(A.at) / 60000)), 1)
  if redis.call('SADD', K.commenters, A.viewerId) == 1 then redis.call('HINCRBY', K.counters, F.commenters, 1) end
end
`

export const countCommentScript = defineScript({
  keys: ['counters', 'commenters', 'minutes', 'report'],
  args: ['viewerId', 'at', 'names'],
  source: `
-- an ended stream's numbers are final once its report is written (as in fold.lua.ts)
if redis.call('EXISTS', K.report) == 1 then return 0 end
if not tonumber(A.at) then return redis.error_reply('ERR at is not a number') end
local F = cjson.decode(A.names)
${COUNT_COMMENT_LUA}
return 1`,
})
