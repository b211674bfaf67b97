import { defineScript } from '../lib/lua.ts'

// Takes a sign-in attempt, atomically, so parallel guesses cannot all slip in before one is
// counted: returns 0 (go ahead) or the ms still to wait.
export const takeLoginAttemptScript = defineScript({
  keys: ['backoff'],
  args: ['now', 'freeTries', 'firstWaitMs', 'maxWaitMs', 'forgetAfterSeconds'],
  source: `
local now = tonumber(A.now)
local waitUntil = tonumber(redis.call('HGET', K.backoff, 'until') or '0')
if now < waitUntil then return waitUntil - now end
local tries = redis.call('HINCRBY', K.backoff, 'tries', 1)
local free = tonumber(A.freeTries)
if tries >= free then
  local wait = math.min(tonumber(A.firstWaitMs) * 2 ^ (tries - free), tonumber(A.maxWaitMs))
  redis.call('HSET', K.backoff, 'until', now + wait)
end
redis.call('EXPIRE', K.backoff, A.forgetAfterSeconds)
return 0`,
})
