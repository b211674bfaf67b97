-- Folds one stream's share of a batch into its counters: all of it or none of it.
-- Set-at-a-time: every membership test and every write is one command for the whole batch
-- (SMISMEMBER / multi-member SADD, ZADD, ZREM, HMGET, HSET), not one per event.
-- KEYS: 1 counters, 2 sessions, 3 viewers, 4 viewers-hll, 5 watch, 6 active, 7 left,
--       8 pairs, 9 seen (current bucket), 10 seen (previous bucket), 11 viewed, 12 final report
-- ARGV: 1 seen-ttl seconds, 2 JSON array of rows, flat, 7 values each:
--       id, type, viewerId, sessionId, jobId|'', watchedMs, seenAt
local want = { 'hash', 'set', 'set', 'string', 'hash', 'zset', 'set', 'set', 'set', 'set', 'set' }
for k = 1, #want do
  local got = redis.call('TYPE', KEYS[k]).ok
  if got ~= 'none' and got ~= want[k] then return redis.error_reply('WRONGTYPE ' .. KEYS[k] .. ' is a ' .. got) end
end

-- A stream's audience numbers are final once its report is written: later beacons (retries
-- from phones that were offline) no longer count anywhere, so the report and every rollup agree.
if redis.call('EXISTS', KEYS[12]) == 1 then return 0 end

local CHUNK = 1000
-- cmd key [pre…] members… in chunks (unpack has a stack limit); returns the concatenated replies
local function many(cmd, key, list, pre)
  local out = {}
  for i = 1, #list, CHUNK do
    local args = { cmd, key }
    if pre then for _, p in ipairs(pre) do args[#args + 1] = p end end
    for j = i, math.min(i + CHUNK - 1, #list) do args[#args + 1] = list[j] end
    local r = redis.call(unpack(args))
    if type(r) == 'table' then for _, x in ipairs(r) do out[#out + 1] = x end else out[#out + 1] = r end
  end
  return out
end
-- members of list not yet in set key (list has no repeats)
local function fresh(key, list)
  if #list == 0 then return {} end
  local there = many('SMISMEMBER', key, list)
  local out = {}
  for i, m in ipairs(list) do if there[i] == 0 then out[#out + 1] = m end end
  return out
end
-- list of the keys of a table used as a set
local function keysOf(set)
  local out = {}
  for k in pairs(set) do out[#out + 1] = k end
  return out
end

-- 1. Dedupe: ids in neither bucket, first occurrence in this batch.
local R = cjson.decode(ARGV[2])
local ids, at = {}, {}
for i = 1, #R, 7 do
  local id = R[i]
  if not at[id] then at[id] = i; ids[#ids + 1] = id end
end
local new = fresh(KEYS[10], fresh(KEYS[9], ids))
if #new == 0 then return 0 end
many('SADD', KEYS[9], new)
redis.call('EXPIRE', KEYS[9], ARGV[1])

-- 2. Aggregate the new events (tables used as sets: each session, viewer, pair once).
local add = {} -- counter field -> delta
local function inc(f, n) add[f] = (add[f] or 0) + n end
local joinSess, joinView, leaves, pairOf = {}, {}, {}, {} -- pairOf: 'metric|session|job' -> { metric, job }
local watch = {} -- session -> watched ms in this batch
local lastT = {} -- session -> latest seenAt of a join or beat
for _, id in ipairs(new) do
  local i = at[id]
  local kind, sess = R[i + 1], R[i + 3]
  if kind == 'beat' or kind == 'leave' then
    local w = R[i + 5]
    if w > 0 then
      if w > 20000 then w = 20000 end
      watch[sess] = (watch[sess] or 0) + w
    end
    if kind == 'leave' then leaves[sess] = true
    elseif not lastT[sess] or R[i + 6] > lastT[sess] then lastT[sess] = R[i + 6] end
  elseif kind == 'join' then
    joinSess[sess] = true
    joinView[R[i + 2]] = true
    if not lastT[sess] or R[i + 6] > lastT[sess] then lastT[sess] = R[i + 6] end
  elseif R[i + 4] ~= '' then
    local metric = kind == 'impression' and 'impressions' or 'clicks'
    pairOf[metric .. '|' .. sess .. '|' .. R[i + 4]] = { metric, R[i + 4] }
  end
end

-- entries / unique viewers: sessions and viewers seen for the first time
local s = fresh(KEYS[2], keysOf(joinSess))
if #s > 0 then many('SADD', KEYS[2], s); inc('entries', #s) end
local jv = keysOf(joinView)
local v = fresh(KEYS[3], jv)
if #v > 0 then many('SADD', KEYS[3], v); inc('uniqueViewers', #v) end
if #jv > 0 then many('PFADD', KEYS[4], jv) end

-- watch time and views: a session's total crossing 10 s counts once. Sessions that made
-- their view leave the watch hash for the viewed set, so a batch costs a few commands, not
-- one per session.
local watching = keysOf(watch)
for _, sess in ipairs(watching) do inc('watchMs', watch[sess]) end
local notYet = fresh(KEYS[11], watching)
if #notYet > 0 then
  local before = many('HMGET', KEYS[5], notYet)
  local keep, viewed, done = {}, {}, {}
  for i, sess in ipairs(notYet) do
    local b = tonumber(before[i] or 0)
    local total = b + watch[sess]
    if total >= 10000 then
      if b < 10000 then inc('views', 1) end
      viewed[#viewed + 1] = sess
      if before[i] then done[#done + 1] = sess end
    else
      keep[#keep + 1] = sess; keep[#keep + 1] = total
    end
  end
  if #viewed > 0 then many('SADD', KEYS[11], viewed) end
  if #done > 0 then many('HDEL', KEYS[5], done) end
  if #keep > 0 then many('HSET', KEYS[5], keep) end
end

-- concurrency input: leaves first (a left session never becomes active again), then the rest
local gone = keysOf(leaves)
if #gone > 0 then many('SADD', KEYS[7], gone); many('ZREM', KEYS[6], gone) end
local live = keysOf(lastT)
if #live > 0 then
  local left = many('SMISMEMBER', KEYS[7], live)
  local za = {}
  for i, sess in ipairs(live) do if left[i] == 0 then za[#za + 1] = string.format('%d', lastT[sess]); za[#za + 1] = sess end end
  if #za > 0 then many('ZADD', KEYS[6], za, { 'GT' }) end
end

-- impressions / clicks: distinct (session, job) pairs
local p = fresh(KEYS[8], keysOf(pairOf))
if #p > 0 then
  many('SADD', KEYS[8], p)
  for _, pair in ipairs(p) do
    local mj = pairOf[pair]
    inc(mj[1], 1)
    inc(mj[1] .. ':' .. mj[2], 1)
  end
end

for f, n in pairs(add) do redis.call('HINCRBY', KEYS[1], f, n) end
return #new
