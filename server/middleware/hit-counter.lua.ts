import { defineScript } from '../lib/lua.ts'

// Counts one hit in a fixed-window counter; a new window's counter gets its expiry.
export const hitCounterScript = defineScript({
  keys: ['counter'],
  args: ['ttlSeconds'],
  source: `
local n = redis.call('INCR', K.counter)
if n == 1 then redis.call('EXPIRE', K.counter, A.ttlSeconds) end
return n`,
})
