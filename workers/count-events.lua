-- Folds one stream's share of a batch into its counters: all of it or none of it.
-- An event id already seen (this or the previous dedupe bucket) is skipped, so a retried or
-- re-delivered job never counts an event twice.
-- KEYS: 1 counters, 2 sessions, 3 viewers, 4 viewers-hll, 5 watch, 6 active, 7 left,
--       8 pairs, 9 seen (current bucket), 10 seen (previous bucket)
-- ARGV: 1 seen-ttl seconds, then per event: id, type, viewerId, sessionId, jobId|'', watchedMs, t
-- Redis does not roll a script back when a command in it fails, so refuse up front (before any
-- write) if a key holds the wrong type: a failed fold must leave nothing half-counted.
local want = { 'hash', 'set', 'set', 'string', 'hash', 'zset', 'set', 'set', 'set', 'set' }
for k = 1, #want do
  local got = redis.call('TYPE', KEYS[k]).ok
  if got ~= 'none' and got ~= want[k] then return redis.error_reply('WRONGTYPE ' .. KEYS[k] .. ' is a ' .. got) end
end
local c = KEYS[1]
local counted = 0
for i = 2, #ARGV, 7 do
  local id, kind, viewer, sess, job = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local w, t = tonumber(ARGV[i + 5]), ARGV[i + 6]
  if redis.call('SISMEMBER', KEYS[10], id) == 0 and redis.call('SADD', KEYS[9], id) == 1 then
    counted = counted + 1
    if kind == 'join' then
      if redis.call('SADD', KEYS[2], sess) == 1 then redis.call('HINCRBY', c, 'entries', 1) end
      if redis.call('SADD', KEYS[3], viewer) == 1 then redis.call('HINCRBY', c, 'uniqueViewers', 1) end
      redis.call('PFADD', KEYS[4], viewer)
      if redis.call('SISMEMBER', KEYS[7], sess) == 0 then redis.call('ZADD', KEYS[6], 'GT', t, sess) end
    elseif kind == 'beat' or kind == 'leave' then
      if w > 0 then
        if w > 20000 then w = 20000 end
        redis.call('HINCRBY', c, 'watchMs', w)
        local total = redis.call('HINCRBY', KEYS[5], sess, w)
        if total >= 10000 and total - w < 10000 then redis.call('HINCRBY', c, 'views', 1) end
      end
      if kind == 'leave' then
        redis.call('SADD', KEYS[7], sess)
        redis.call('ZREM', KEYS[6], sess)
      elseif redis.call('SISMEMBER', KEYS[7], sess) == 0 then
        redis.call('ZADD', KEYS[6], 'GT', t, sess)
      end
    elseif job ~= '' then -- impression or click: distinct (session, job) pairs
      local metric = kind == 'impression' and 'impressions' or 'clicks'
      if redis.call('SADD', KEYS[8], metric .. '|' .. sess .. '|' .. job) == 1 then
        redis.call('HINCRBY', c, metric, 1)
        redis.call('HINCRBY', c, metric .. ':' .. job, 1)
      end
    end
  end
end
redis.call('EXPIRE', KEYS[9], ARGV[1])
return counted
