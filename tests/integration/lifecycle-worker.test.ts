import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Queue } from 'bullmq'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { startWorkers } from '../../workers/main.ts'
import { endStaleStreams, HOST_GONE_MS, STALE_LIVE_MS } from '../../workers/end-stale-streams.ts'
import { getStream, saveStream } from '../../server/store/streams.ts'
import { keys, queues } from '../../server/store/keys.ts'
import { connectRedis } from '../../server/store/redis.ts'
import { remindersQueue, type ReminderJob } from '../../server/reminders/queue.ts'

let t: TestApp
let reminders: Queue<ReminderJob>
beforeAll(async () => {
  t = await startTestApp()
  reminders = remindersQueue(t.redis)
})
afterAll(async () => {
  await reminders.close()
  await t.stop()
})
const moves = () => ({ redis: t.redis, reminders })

async function liveStream(startedHoursAgo: number) {
  const r = await t.recruiter()
  const job = (await t.call('POST', '/api/jobs', { cookie: r.cookie, body: validJob() })).json.job.id
  const id = (await t.call('POST', '/api/streams', { cookie: r.cookie, body: { title: '直播', scheduledAt: inHours(1), jobIds: [job] } })).json.stream.id
  await t.call('POST', `/api/streams/${id}/start`, { cookie: r.cookie })
  const s = (await getStream(t.redis, id))!
  await saveStream(t.redis, s, { ...s, startedAt: new Date(Date.now() - startedHoursAgo * 3600_000).toISOString() })
  return id
}

describe('lifecycle worker', () => {
  it('ends streams left live longer than the limit and leaves fresh ones alone', async () => {
    const stale = await liveStream(STALE_LIVE_MS / 3600_000 + 1)
    const fresh = await liveStream(1)
    const { ended } = await endStaleStreams(moves())
    expect(ended).toEqual([stale])
    expect((await getStream(t.redis, stale))!.status).toBe('ended')
    expect((await getStream(t.redis, fresh))!.status).toBe('live')
    expect(await t.redis.zscore(keys.streams('ended'), stale)).not.toBeNull()
    expect((await endStaleStreams(moves())).ended).toEqual([]) // running again changes nothing
  })

  it('ends a live stream whose host left LiveKit long ago and did not come back', async () => {
    const gone = await liveStream(1)
    const back = await liveStream(1)
    const recent = await liveStream(1)
    const now = Date.now()
    await t.redis.hset(keys.overlay(gone), 'hostJoinedAt', now - 50 * 60_000, 'hostLeftAt', now - HOST_GONE_MS - 1000)
    await t.redis.hset(keys.overlay(back), 'hostLeftAt', now - HOST_GONE_MS - 1000, 'hostJoinedAt', now - 60_000)
    await t.redis.hset(keys.overlay(recent), 'hostLeftAt', now - 60_000)
    const { ended } = await endStaleStreams(moves(), new Date(now))
    expect(ended).toEqual([gone])
  })

  it('runs on the in-process workers: the scheduler fires at start-up and ends a stale stream', async () => {
    const stale = await liveStream(STALE_LIVE_MS / 3600_000 + 2)
    const workers = await startWorkers(t.server.url, () => {})
    const connection = connectRedis(t.server.url, 'worker')
    const queue = new Queue(queues.lifecycle, { connection, prefix: keys.queuePrefix() })
    try {
      let status = 'live'
      for (let i = 0; i < 100 && status !== 'ended'; i++) {
        await new Promise((r) => setTimeout(r, 100))
        status = (await getStream(t.redis, stale))!.status
      }
      expect(status).toBe('ended')
      expect(await queue.getJobSchedulersCount()).toBe(3) // sample-live, finalize-reports, end-stale-streams
    } finally {
      await queue.close()
      await workers.close()
      connection.disconnect()
    }
  })
})
