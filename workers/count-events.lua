-- Folds one stream's share of a batch into its counters: all of it or none of it.
-- Set-at-a-time: every membership test and every write is one command for the whole batch
-- (SMISMEMBER / multi-member SADD, ZADD, ZREM / one HINCRBY per field or session), not one per event.
-- KEYS: 1 counters, 2 sessions, 3 viewers, 4 viewers-hll, 5 watch, 6 active, 7 left,
--       8 pairs, 9 seen (current bucket), 10 seen (previous bucket)
-- ARGV: 1 seen-ttl seconds, 2 JSON array of rows [id, type, viewerId, sessionId, jobId|'', watchedMs, seenAt]
local want = { 'hash', 'set', 'set', 'string', 'hash', 'zset', 'set', 'set', 'set', 'set' }
for k = 1, #want do
  local got = redis.call('TYPE', KEYS[k]).ok
  if got ~= 'none' and got ~= want[k] then return redis.error_reply('WRONGTYPE ' .. KEYS[k] .. ' is a ' .. got) end
end

local CHUNK = 1000
-- cmd key members… in chunks (unpack has a stack limit); returns the concatenated replies
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
local function uniq(list)
  local seen, out = {}, {}
  for _, x in ipairs(list) do if not seen[x] then seen[x] = true; out[#out + 1] = x end end
  return out
end

-- 1. Dedupe: ids in neither bucket, first occurrence in this batch.
local rows = cjson.decode(ARGV[2])
local ids, at = {}, {}
for i, row in ipairs(rows) do
  local id = row[1]
  if not at[id] then at[id] = i; ids[#ids + 1] = id end
end
local new = fresh(KEYS[10], fresh(KEYS[9], ids))
if #new == 0 then return 0 end
many('SADD', KEYS[9], new)
redis.call('EXPIRE', KEYS[9], ARGV[1])

-- 2. Aggregate the new events.
local c = KEYS[1]
local add = {} -- counter field -> delta
local function inc(f, n) add[f] = (add[f] or 0) + n end
local joinSess, joinView, touched, leaves, pairs_ = {}, {}, {}, {}, {}
local watch, order = {}, {} -- session -> watched ms in this batch
local lastT = {} -- session -> latest seenAt of a join or beat
local pairOf = {} -- pair -> { metric, job }
for _, id in ipairs(new) do
  local row = rows[at[id]]
  local kind, viewer, sess, job, w, t = row[2], row[3], row[4], row[5], row[6], row[7]
  if kind == 'join' then
    joinSess[#joinSess + 1] = sess
    joinView[#joinView + 1] = viewer
    if not lastT[sess] or t > lastT[sess] then lastT[sess] = t end
  elseif kind == 'beat' or kind == 'leave' then
    if w > 0 then
      if w > 20000 then w = 20000 end
      if not watch[sess] then watch[sess] = 0; order[#order + 1] = sess end
      watch[sess] = watch[sess] + w
    end
    if kind == 'leave' then leaves[#leaves + 1] = sess
    elseif not lastT[sess] or t > lastT[sess] then lastT[sess] = t end
  elseif job ~= '' then
    local metric = kind == 'impression' and 'impressions' or 'clicks'
    local pair = metric .. '|' .. sess .. '|' .. job
    pairs_[#pairs_ + 1] = pair
    pairOf[pair] = { metric, job }
  end
end

-- entries / unique viewers: sessions and viewers seen for the first time
local s = fresh(KEYS[2], uniq(joinSess))
if #s > 0 then many('SADD', KEYS[2], s); inc('entries', #s) end
local jv = uniq(joinView)
local v = fresh(KEYS[3], jv)
if #v > 0 then many('SADD', KEYS[3], v); inc('uniqueViewers', #v) end
if #jv > 0 then many('PFADD', KEYS[4], jv) end

-- watch time and views (a session's total crossing 10 s counts once)
for _, sess in ipairs(order) do
  local w = watch[sess]
  inc('watchMs', w)
  local total = redis.call('HINCRBY', KEYS[5], sess, w)
  if total >= 10000 and total - w < 10000 then inc('views', 1) end
end

-- concurrency input: leaves first (a left session never becomes active again), then the rest
leaves = uniq(leaves)
if #leaves > 0 then many('SADD', KEYS[7], leaves); many('ZREM', KEYS[6], leaves) end
local live = {}
for sess in pairs(lastT) do live[#live + 1] = sess end
if #live > 0 then
  local gone = many('SMISMEMBER', KEYS[7], live)
  local za = {}
  for i, sess in ipairs(live) do if gone[i] == 0 then za[#za + 1] = string.format('%d', lastT[sess]); za[#za + 1] = sess end end
  for i = 1, #za, CHUNK do
    local args = { 'ZADD', KEYS[6], 'GT' }
    for j = i, math.min(i + CHUNK - 1, #za) do args[#args + 1] = za[j] end
    redis.call(unpack(args))
  end
end

-- impressions / clicks: distinct (session, job) pairs
local p = fresh(KEYS[8], uniq(pairs_))
if #p > 0 then
  many('SADD', KEYS[8], p)
  for _, pair in ipairs(p) do
    local mj = pairOf[pair]
    inc(mj[1], 1)
    inc(mj[1] .. ':' .. mj[2], 1)
  end
end

for f, n in pairs(add) do redis.call('HINCRBY', c, f, n) end
return #new
