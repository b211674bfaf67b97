import { defineScript } from '../lib/lua.ts'
import { CHANNEL_OF_LUA } from './channels.ts'

export const foldScript = defineScript({
  keys: ['counters', 'sessions', 'viewers', 'viewersHll', 'watch', 'active', 'left', 'pairs', 'seenNow', 'seenBefore', 'viewed', 'report', 'stream', 'admitted', 'admissions', 'minutes', 'viewerWatch', 'channels', 'sessionChannel'],
  args: ['seenTtl', 'rows', 'width', 'now', 'budget', 'names'],
  source: `
-- Folds one stream's share of a batch into its counters (docs/counting.md).
-- Nothing is written before every input has been read and checked, and nothing after that
-- can fail: a malformed row is refused on its own, it never costs another row its count.
-- Set-at-a-time: every membership test and every write is one command for the whole batch
-- (SMISMEMBER / multi-member SADD, ZADD, HMGET, HSET), not one per event.
-- Keys: all of one stream's, one hash slot {s:<id>}. A.rows: a JSON array of rows, flat,
-- A.width values each (rows.ts): id, type, viewerId, sessionId, jobId|'', watchedMs, seenAt[, who[, src]].
-- A.now: receive time (ms); A.budget: new sessions one address may start per minute (0: no limit).
local F = cjson.decode(A.names)
local want = { 'hash', 'set', 'set', 'string', 'hash', 'zset', 'set', 'set', 'set', 'set', 'set', 'string', 'string', 'hash', 'hash', 'hash', 'hash', 'set', 'hash' }
for k = 1, #want do
  local got = redis.call('TYPE', KEYS[k]).ok
  if got ~= 'none' and got ~= want[k] then return redis.error_reply('WRONGTYPE ' .. KEYS[k] .. ' is a ' .. got) end
end

-- A stream's audience numbers are final once its report is written: later beacons (retries
-- from phones that were offline) no longer count anywhere, so the report and every rollup agree.
if redis.call('EXISTS', K.report) == 1 then return 0 end

local MAX_BEAT_MS = 20000 -- one beat reports at most this much watching
local VIEW_MS = 10000 -- a session's watching crossing this makes one view
local SLACK_MS = 20000 -- a beat may arrive with its join, reporting the 15 s before it
local BACKDATE_MS = 10 * 60000 -- the client retries for 8 min: older claims are not believed
local CHUNK = 1000

local now = tonumber(A.now) or 0
local budget = tonumber(A.budget) or 0
local width = tonumber(A.width) or 7

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
local function keysOf(set)
  local out = {}
  for k in pairs(set) do out[#out + 1] = k end
  return out
end
local function str(x) return type(x) == 'string' and #x > 0 and #x <= 200 end
${CHANNEL_OF_LUA}
-- 1. Read and check everything. A row that is not what the API writes is refused alone.
local ok, R = pcall(cjson.decode, A.rows)
if not ok or type(R) ~= 'table' then return redis.error_reply('BADROWS rows are not a JSON array') end
local KINDS = { join = true, beat = true, leave = true, impression = true, click = true, like = true }
local rows, malformed = {}, 0
for i = 1, #R - width + 1, width do
  local id, kind, viewer, sess, job, w, seenAt = R[i], R[i + 1], R[i + 2], R[i + 3], R[i + 4], R[i + 5], R[i + 6]
  local who = width >= 8 and R[i + 7] or ''
  local src = width >= 9 and R[i + 8] or ''
  if str(id) and KINDS[kind] and str(viewer) and str(sess) and type(job) == 'string' and type(w) == 'number' and w >= 0
    and type(seenAt) == 'number' and type(who) == 'string' and type(src) == 'string' and #src <= 40 and not src:find('[^%w_%-]') then
    rows[#rows + 1] = { id = id, kind = kind, viewer = viewer, sess = sess, job = job, w = math.min(w, MAX_BEAT_MS), seenAt = seenAt, who = who, src = src }
  else
    malformed = malformed + 1
  end
end
-- The stream's own jobs: only these ever become counter fields.
local ownJobs = {}
local okStream, stream = pcall(cjson.decode, redis.call('GET', K.stream) or 'null')
if okStream and type(stream) == 'table' and type(stream.jobIds) == 'table' then
  for _, j in ipairs(stream.jobIds) do if type(j) == 'string' then ownJobs[j] = true end end
end

-- 2. Dedupe: ids in neither bucket, first occurrence in this batch.
local byId, ids = {}, {}
for _, r in ipairs(rows) do
  if not byId[r.id] then byId[r.id] = r; ids[#ids + 1] = r.id end
end
local new = fresh(K.seenBefore, fresh(K.seenNow, ids))
local add = {} -- counter field -> delta
local function inc(f, n) if n ~= 0 then add[f] = (add[f] or 0) + n end end
inc(F.suspect, malformed)
if #new == 0 then
  for f, n in pairs(add) do redis.call('HINCRBY', K.counters, f, n) end
  return 0
end
many('SADD', K.seenNow, new)
redis.call('EXPIRE', K.seenNow, A.seenTtl)

-- 3. Admission: a session counts once it is admitted, and one address may start at most
-- A.budget new sessions per minute on this stream. A session refused now is tried again with
-- its next events (a real viewer behind a busy shared address is counted a little later).
local sessOrder, sessFirst, sessWho = {}, {}, {}
for _, id in ipairs(new) do
  local r = byId[id]
  if not sessFirst[r.sess] then
    sessOrder[#sessOrder + 1] = r.sess
    sessFirst[r.sess] = r.seenAt
    sessWho[r.sess] = r.who
  elseif r.seenAt < sessFirst[r.sess] then
    sessFirst[r.sess] = r.seenAt
  end
end
local began = {} -- session -> began ms, for admitted sessions
local known = many('HMGET', K.admitted, sessOrder)
local waiting, whoList, whoSeen, earlier = {}, {}, {}, {}
for i, sess in ipairs(sessOrder) do
  if known[i] then
    -- An earlier event of the session may arrive after later ones (a retried batch): it moves
    -- the start back, never further than BACKDATE_MS before now, as at admission.
    local b = tonumber(known[i])
    local claim = math.max(sessFirst[sess], now - BACKDATE_MS)
    if claim < b then
      b = claim
      earlier[#earlier + 1] = sess
      earlier[#earlier + 1] = string.format('%d', b)
    end
    began[sess] = b
  else
    waiting[#waiting + 1] = sess
    local who = sessWho[sess]
    if who ~= '' and not whoSeen[who] then whoSeen[who] = true; whoList[#whoList + 1] = who end
  end
end
if #earlier > 0 then many('HSET', K.admitted, earlier) end
if #waiting > 0 then
  local left = {}
  if budget > 0 and #whoList > 0 then
    local used = many('HMGET', K.admissions, whoList)
    for i, who in ipairs(whoList) do left[who] = budget - (tonumber(used[i]) or 0) end
  end
  local admit, taken = {}, {}
  for _, sess in ipairs(waiting) do
    local who = sessWho[sess]
    local fine = who == '' or budget <= 0
    if not fine and left[who] > 0 then
      left[who] = left[who] - 1
      taken[who] = (taken[who] or 0) + 1
      fine = true
    end
    if fine then
      -- began: when its first event happened, as far as the server believes the client
      local b = math.min(math.max(sessFirst[sess], now - BACKDATE_MS), now)
      began[sess] = b
      admit[#admit + 1] = sess
      admit[#admit + 1] = string.format('%d', b)
    end
  end
  if #admit > 0 then many('HSET', K.admitted, admit) end
  for who, n in pairs(taken) do redis.call('HINCRBY', K.admissions, who, n) end
  if next(taken) then redis.call('EXPIRE', K.admissions, 120) end
end

-- 4. Aggregate the admitted sessions' new events (tables used as sets: each once).
local joins, leaves, pairOf = {}, {}, {} -- pairOf: 'metric|session|job' -> { metric, job }
local joinSrc = {} -- session -> the share channel its join came through ('' direct)
local watch = {} -- session -> watched ms claimed in this batch
local watcher = {} -- session -> its viewer, for the per-viewer total (the comments' established-viewer rule)
local likeMinutes = {} -- epoch minute (of seenAt) -> likes
local lastT = {} -- session -> latest seenAt of a join or beat
for _, id in ipairs(new) do
  local r = byId[id]
  local sess, kind = r.sess, r.kind
  if not began[sess] then
    inc(F.suspect, 1)
  elseif kind == 'beat' or kind == 'leave' then
    if r.w > 0 then watch[sess] = (watch[sess] or 0) + r.w; watcher[sess] = r.viewer end
    if kind == 'leave' then leaves[sess] = true
    elseif not lastT[sess] or r.seenAt > lastT[sess] then lastT[sess] = r.seenAt end
  elseif kind == 'like' then
    -- 点赞: every like id once, from admitted sessions only (an unadmitted one's are suspect)
    inc(F.likes, 1)
    local m = math.floor(math.min(math.max(r.seenAt, now - BACKDATE_MS), now) / 60000)
    likeMinutes[m] = (likeMinutes[m] or 0) + 1
  elseif kind == 'join' then
    if not joins[sess] then joins[sess] = r.viewer end
    if r.src ~= '' and not joinSrc[sess] then joinSrc[sess] = r.src end
    if not lastT[sess] or r.seenAt > lastT[sess] then lastT[sess] = r.seenAt end
  elseif r.job ~= '' and ownJobs[r.job] then
    local metric = kind == 'impression' and 'impressions' or 'clicks' -- names in F and F.job
    pairOf[metric .. '|' .. sess .. '|' .. r.job] = { metric, r.job }
  else
    inc(F.suspect, 1) -- a card of a job this stream does not show
  end
end

-- entries: sessions joining for the first time; unique viewers: the viewer of each such
-- session, once (a session stands for one viewer, so viewers never outrun entries)
local s = fresh(K.sessions, keysOf(joins))
if #s > 0 then
  many('SADD', K.sessions, s)
  inc(F.entries, #s)
  local vset = {}
  for _, sess in ipairs(s) do vset[joins[sess]] = true end
  local jv = keysOf(vset)
  local v = fresh(K.viewers, jv)
  if #v > 0 then many('SADD', K.viewers, v); inc(F.uniqueViewers, #v) end
  many('PFADD', K.viewersHll, jv)
  -- entries per share channel; a session's channel is its join's, remembered for its view
  local chanOf, tagged = {}, {}
  for _, sess in ipairs(s) do
    local src = joinSrc[sess] or ''
    if chanOf[src] == nil then chanOf[src] = channelOf(src) end
    local ch = chanOf[src]
    inc(F.channel.entries .. ch, 1)
    if ch ~= 'direct' then tagged[#tagged + 1] = sess; tagged[#tagged + 1] = ch end
  end
  if #tagged > 0 then many('HSET', K.sessionChannel, tagged) end
end

-- watch time: never more than the wall clock since the session began (plus one beat's
-- slack); a session's total crossing 10 s makes one view.
local watching = keysOf(watch)
if #watching > 0 then
  local before = many('HMGET', K.watch, watching)
  local viewedBefore = many('SMISMEMBER', K.viewed, watching)
  local totals, viewed = {}, {}
  for i, sess in ipairs(watching) do
    local b = tonumber(before[i]) or 0
    local cap = math.max(0, now - began[sess] + SLACK_MS)
    local total = math.min(b + watch[sess], math.max(b, cap))
    if total < b + watch[sess] then inc(F.suspect, 1) end
    inc(F.watchMs, total - b)
    if total > b then redis.call('HINCRBY', K.viewerWatch, watcher[sess], total - b) end
    totals[#totals + 1] = sess
    totals[#totals + 1] = string.format('%d', total)
    if total >= VIEW_MS and viewedBefore[i] == 0 then
      inc(F.views, 1)
      viewed[#viewed + 1] = sess
    end
  end
  many('HSET', K.watch, totals)
  if #viewed > 0 then
    many('SADD', K.viewed, viewed)
    local chans = many('HMGET', K.sessionChannel, viewed)
    for i = 1, #viewed do inc(F.channel.views .. (chans[i] or 'direct'), 1) end
  end
end

-- concurrency input: leaves first (a left session never becomes active again), then the rest
local gone = keysOf(leaves)
if #gone > 0 then many('SADD', K.left, gone); many('ZREM', K.active, gone) end
local live = keysOf(lastT)
if #live > 0 then
  local left = many('SMISMEMBER', K.left, live)
  local za = {}
  for i, sess in ipairs(live) do if left[i] == 0 then za[#za + 1] = string.format('%d', lastT[sess]); za[#za + 1] = sess end end
  if #za > 0 then many('ZADD', K.active, za, { 'GT' }) end
end

-- impressions / clicks: distinct (session, job) pairs
local p = fresh(K.pairs, keysOf(pairOf))
if #p > 0 then
  many('SADD', K.pairs, p)
  for _, pair in ipairs(p) do
    local mj = pairOf[pair]
    inc(F[mj[1]], 1)
    inc(F.job[mj[1]] .. mj[2], 1)
  end
end

for f, n in pairs(add) do redis.call('HINCRBY', K.counters, f, n) end
for m, n in pairs(likeMinutes) do redis.call('HINCRBY', K.minutes, F.minute.likes .. string.format('%d', m), n) end
return #new
`,
})
