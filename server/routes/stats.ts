import { Hono, type Context } from 'hono'
import { csvResponse } from '../lib/csv.ts'
import type { AppEnv } from '../context.ts'
import { ApiError, notFound } from '../errors.ts'
import { queryOf } from '../lib/validate.ts'
import { dateRangeQuery } from '../../schemas/fairs.ts'
import { chinaDateTime } from '../lib/china-time.ts'
import { currentUser, isCompanyStaff, requireRole } from '../middleware/roles.ts'
import { getStream, listStreams } from '../store/streams.ts'
import { getFair } from '../store/fairs.ts'
import { statsOf } from '../counting/stats.ts'
import { fairTimeline, platformFigures, rollup } from '../counting/rollups.ts'
import type { Fair, Stream, StreamStatus } from '../store/types.ts'
import type { Redis } from 'ioredis'

const allStreams = (c: Context<AppEnv>, filter: { fairId?: string; status?: StreamStatus }) => allStreamsOf(c.get('deps').redis, filter)

async function allStreamsOf(redis: Redis, filter: { fairId?: string; status?: StreamStatus }): Promise<Stream[]> {
  const out: Stream[] = []
  let cursor: string | undefined
  do {
    const page = await listStreams(redis, filter, 100, cursor)
    out.push(...page.items)
    cursor = page.next ?? undefined
  } while (cursor)
  return out
}

async function fairRollup(c: Context<AppEnv>, from?: string, to?: string) {
  const fair = await getFair(c.get('deps').redis, c.req.param('id') ?? '')
  if (!fair) throw notFound('Fair')
  return { fair, stats: await fairStatsOf(c.get('deps').redis, fair, from, to) }
}

/** A fair's numbers over its streams scheduled in the range: the dashboard's and the 大屏's. */
export async function fairStatsOf(redis: Redis, fair: Fair, from?: string, to?: string) {
  const inRange = (s: Stream) => (!from || s.scheduledAt >= new Date(from).toISOString()) && (!to || s.scheduledAt <= new Date(to).toISOString())
  const streams = (await allStreamsOf(redis, { fairId: fair.id })).filter(inRange)
  const stats = await rollup(redis, streams)
  return { ...stats, ...(await fairTimeline(redis, fair.id, stats.streams, from, to)) }
}

const STATUS_ZH: Record<StreamStatus, string> = { scheduled: '未开始', live: '直播中', ended: '已结束' }
// The channels.csv 名称 of channels that are no account (the dashboard's words, web/i18n/reports.zh.ts ch.*)
const CHANNEL_ZH = new Map(Object.entries({ direct: '直接打开', other: '其他来源', org: '主办方', screen: '大屏', poster: '海报', viewer: '观众转发' }))

// Mounted at /api.
export const stats = new Hono<AppEnv>()
  .get('/streams/:id/stats', async (c) => {
    const user = currentUser(c)
    const { redis } = c.get('deps')
    const stream = await getStream(redis, c.req.param('id'))
    if (!stream) throw notFound('Stream')
    // the company's recruiter or its 场控 assistants, and organizers
    if (!isCompanyStaff(user, stream.companyId) && user.role !== 'organizer') throw new ApiError('FORBIDDEN', 'Only the stream’s company and organizers can see its numbers')
    c.header('Cache-Control', 'private, no-store')
    return c.json(await statsOf(redis, stream), 200)
  })
  .get('/fairs/:id/stats', requireRole('organizer'), queryOf(dateRangeQuery), async (c) => {
    const q = c.req.valid('query')
    const { fair, stats: s } = await fairRollup(c, q.from, q.to)
    return c.json({ fair, ...s }, 200)
  })
  .get('/fairs/:id/report.csv', requireRole('organizer'), queryOf(dateRangeQuery), async (c) => {
    const q = c.req.valid('query')
    const { fair, stats: s } = await fairRollup(c, q.from, q.to)
    // New columns go at the end (docs/counting.md "CSV reports"): spreadsheets made from older exports keep working.
    const rows = s.streams.map((r) => [r.title, r.companyName, STATUS_ZH[r.status], chinaDateTime(r.scheduledAt), r.entries, r.views, r.uniqueViewers, r.peakConcurrent, Math.round(r.watchSeconds / 60), r.impressions, r.clicks, r.applications, r.placements, r.likes, r.comments, r.commenters, r.reservations])
    rows.push(['合计', '', '', '', s.entries, s.views, s.uniqueViewers, s.peakConcurrent, Math.round(s.watchSeconds / 60), s.impressions, s.clicks, s.applications, s.placements, s.likes, s.comments, s.commenters, s.reservations])
    return csvResponse(c, `fair-${fair.id}-report.csv`, ['直播场次', '企业', '状态', '开播时间', '进入人次', '有效观看', '独立观众', '峰值在线', '观看时长(分钟)', '岗位曝光', '岗位点击', '投递', '促成就业', '点赞', '评论', '评论人数', '预约人数'], rows)
  })
  .get('/fairs/:id/channels.csv', requireRole('organizer'), queryOf(dateRangeQuery), async (c) => {
    const q = c.req.valid('query')
    const { fair, stats: s } = await fairRollup(c, q.from, q.to)
    const rows: (string | number)[][] = s.channels.map((r) => [r.src, r.name ?? CHANNEL_ZH.get(r.src) ?? '', r.entries, r.views, r.applications, r.reservations])
    const sum = (k: 'entries' | 'views' | 'applications' | 'reservations') => s.channels.reduce((n, r) => n + r[k], 0)
    rows.push(['合计', '', sum('entries'), sum('views'), sum('applications'), sum('reservations')])
    return csvResponse(c, `fair-${fair.id}-channels.csv`, ['渠道', '名称', '进入人次', '有效观看', '投递', '预约'], rows)
  })
  .get('/stats/overview', requireRole('organizer'), async (c) => {
    const { redis } = c.get('deps')
    const held = [...(await allStreams(c, { status: 'live' })), ...(await allStreams(c, { status: 'ended' }))]
    // Upcoming streams already take applications (and a fair's dashboard counts them): so do the totals.
    const upcoming = await allStreams(c, { status: 'scheduled' })
    const { streams: _rows, companies: _c, towns: _t, stations: _s, channels: _ch, ...totals } = await rollup(redis, [...held, ...upcoming])
    const { streamsScheduled, companies, fairs, jobsOpen, headcountOpen } = await platformFigures(redis)
    return c.json({ streamsHeld: held.length, streamsScheduled, companies, fairs, jobsOpen, headcountOpen, ...totals }, 200)
  })
