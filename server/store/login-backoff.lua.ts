import { defineScript } from '../lib/lua.ts'

// Takes a sign-in attempt, atomically, so parallel guesses cannot all slip in before one is
// counted: returns 0 (go ahead) or the ms still to wait.
export const takeLoginAttemptScript = defineScript({
  keys: ['backoff'],
  args: ['now', 'freeTries', 'firstWaitMs', 'maxWaitMs', 'forgetAfterSeconds'],
  source: `
-- Every number is read before the first write (a script is not rolled back on an error).
local now = tonumber(A.now)
local free = tonumber(A.freeTries)
local firstWait = tonumber(A.firstWaitMs)
local maxWait = tonumber(A.maxWaitMs)
if not (now and free and firstWait and maxWait) then return redis.error_reply('ERR login backoff arguments are not numbers') end
local waitUntil = tonumber(redis.call('HGET', K.backoff, 'until') or '0')
if now < waitUntil then return waitUntil - now end
local tries = redis.call('HINCRBY', K.backoff, 'tries', 1)
if tries >= free then
  local wait = math.min(firstWait * 2 ^ (tries - free), maxWait)
  redis.call('HSET', K.backoff, 'until', now + wait)
end
redis.call('EXPIRE', K.backoff, A.forgetAfterSeconds)
return 0`,
})
