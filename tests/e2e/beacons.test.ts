import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { request, type APIRequestContext, type Page } from 'playwright-core'
import { startServer } from '../helpers/server.ts'
import { beaconQueue } from '../helpers/beacon-queue.ts'
import { LK_KEY, LK_SECRET, fakeLiveKit } from './fake-livekit.ts'
import { ensureWebBuild, launch, seedStream, visible, type Launched, type Seeded } from './support.ts'

// A phone viewer on the real platform (API, BullMQ workers in-process, no LiveKit: the live
// room itself is the show). Nothing is intercepted: the page sends its real beacons and the
// owner reads GET /api/streams/:id/stats. Playwright's page clock stands in for the 15 s beats.

type Ev = { id: string; type: string; streamId: string; viewerId: string; sessionId: string; jobId?: string; watchedMs?: number }
type Sent = { page: number; contentType: string; events: Ev[]; at: number }
type Stats = {
  entries: number
  views: number
  uniqueViewers: number
  concurrent: number
  watchSeconds: number
  impressions: number
  clicks: number
  jobs: { jobId: string; impressions: number; clicks: number }[]
}

let server: Awaited<ReturnType<typeof startServer>>
let phone: Launched
let owner: APIRequestContext
let seeded: Seeded
const sent: Sent[] = []

const stats = async (): Promise<Stats> => {
  const res = await owner.get(`/api/streams/${seeded.streamId}/stats`)
  if (!res.ok()) throw new Error(`stats: ${res.status()} ${await res.text()}`)
  return res.json()
}
/** Waits until the counters (folded by the workers within ~1–2 s of a send) show `want`. */
const counters = (want: Partial<Stats>, timeout = 10_000) => expect.poll(stats, { timeout, interval: 250 }).toMatchObject(want)
const job = (s: Stats, jobId: string) => s.jobs.find((j) => j.jobId === jobId)

/** Records every POST /api/events the page makes (listening only, nothing is changed). */
function record(page: Page, n: number) {
  page.on('request', (r) => {
    if (r.method() !== 'POST' || new URL(r.url()).pathname !== '/api/events') return
    sent.push({ page: n, contentType: r.headers()['content-type'] ?? '', events: JSON.parse(r.postData() ?? '{}').events ?? [], at: Date.now() })
  })
}
const eventsOf = (n: number) => sent.filter((s) => s.page === n).flatMap((s) => s.events)
/** When page `n` last said it was there (join or beat): without a leave it stays concurrent 35 s. */
const lastAlive = (n: number) => Math.max(...sent.filter((s) => s.page === n && s.events.some((e) => e.type === 'join' || e.type === 'beat')).map((s) => s.at))

/** The page believes it is hidden (as when the phone switches apps) or shown again. */
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') })
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h })
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)
const pageNow = (page: Page) => page.evaluate(() => performance.now())
const WAIT = { timeout: 10_000, interval: 250 }

describe('beacons: a phone viewer is counted', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    owner = await request.newContext({ baseURL: server.url })
    seeded = await seedStream(server.url, owner, { email: 'hr-beacons@test.local', company: '张北县测试物流有限公司' })
    expect((await owner.post(`/api/streams/${seeded.streamId}/start`)).status()).toBe(200)
    expect((await owner.post(`/api/streams/${seeded.streamId}/pin`, { data: { jobId: seeded.jobs[0]!.id } })).status()).toBe(200)
    phone = await launch({ phone: true })
  }, 120_000)

  afterAll(async () => {
    const all = sent.flatMap((s) => s.events)
    if (sent.length) console.log(`beacons: ${sent.length} requests, ${all.length} events`)
    if (process.env.BEACONS_DEBUG) for (const s of sent) console.log(s.page, s.contentType, s.events.map((e) => `${e.type}:${e.id.slice(-3)}:${e.watchedMs ?? ""}`).join(" "))
    await phone?.close()
    await owner?.dispose()
    await server?.stop()
  })

  test('one page view: join, impressions, a view after 10 s, a click, paused while hidden, leave on close', async () => {
    const page = phone.ctx.pages()[0] ?? (await phone.ctx.newPage())
    record(page, 1)
    await page.clock.install()
    await page.goto(`${server.url}/watch/${seeded.streamId}`)
    await visible(page.getByText('这里暂时看不了视频画面')) // no LiveKit: the room is the show
    const dock = page.getByRole('region', { name: '正在讲解' })
    await visible(dock)
    const t0 = await pageNow(page)

    // join → an entry, a unique viewer, one concurrent; the pinned card was seen.
    await counters({ entries: 1, uniqueViewers: 1, concurrent: 1, impressions: 1, clicks: 0, views: 0 })
    expect(job(await stats(), seeded.jobs[0]!.id)?.impressions).toBe(1)

    // 15 s of watching: the first beat carries ~15 s, so the session is a view (≥ 10 s).
    await page.clock.fastForward(15_000)
    await counters({ views: 1, concurrent: 1 })
    const first = await stats()
    expect(first.watchSeconds).toBeGreaterThanOrEqual(15)
    expect(first.watchSeconds).toBeLessThanOrEqual(20)

    // Hidden (the phone switches apps): the time so far goes out at once by sendBeacon
    // (text/plain); a minute in the background adds nothing.
    const beforeHide = sent.length
    const hiddenAt = await pageNow(page)
    await setHidden(page, true)
    await expect.poll(() => sent.slice(beforeHide).some((s) => s.contentType.startsWith('text/plain')), WAIT).toBe(true)
    await page.clock.fastForward(60_000)
    const hiddenFor = (await pageNow(page)) - hiddenAt
    const whileHidden = await stats()
    await expect.poll(async () => (await stats()).watchSeconds, WAIT).toBeGreaterThan(first.watchSeconds)
    const atHide = (await stats()).watchSeconds
    // Shown again: what went by beacon is sent once more (same ids: counted once).
    const beforeShow = sent.length
    const folding = beaconQueue(server.redisUrl)
    await folding.mark()
    await setHidden(page, false)
    await expect.poll(() => sent.length, WAIT).toBeGreaterThan(beforeShow)
    await folding.folded() // the re-sent batch has been folded (and changed nothing)
    await folding.close()
    expect((await stats()).watchSeconds).toBe(atHide)
    expect(whileHidden.views).toBe(1)
    // The next beat after 15 s more of watching carries those 15 s, not the hidden minute.
    await page.clock.fastForward(15_000)
    await expect.poll(async () => (await stats()).watchSeconds, WAIT).toBeGreaterThan(atHide)
    const beats = eventsOf(1).filter((e) => e.type === 'beat')
    const watched = beats.reduce((sum, e) => sum + (e.watchedMs ?? 0), 0)
    const elapsed = (await pageNow(page)) - t0
    expect(Math.max(...beats.map((e) => e.watchedMs ?? 0))).toBeLessThanOrEqual(20_000)
    expect(watched).toBeLessThanOrEqual(elapsed - hiddenFor + 1000)
    expect(watched).toBeGreaterThanOrEqual(30_000)

    // 「立即报名」 on the pinned card: a click for that job.
    await dock.getByRole('button', { name: '立即报名' }).click()
    await visible(page.getByRole('dialog'))
    await counters({ clicks: 1 })
    expect(job(await stats(), seeded.jobs[0]!.id)?.clicks).toBe(1)
    await page.keyboard.press('Escape')

    // The 「全部岗位」 drawer: the other cards are seen too (the pinned job is not counted twice).
    await page.getByRole('button', { name: /全部岗位/ }).click()
    await visible(page.locator('.room-side.open [data-job]'))
    // A card counts once it is on screen: the last one may sit below the fold of a 740 px phone.
    await page.locator('.room-side.open [data-job]').last().scrollIntoViewIfNeeded()
    await counters({ impressions: seeded.jobs.length })
    for (const j of seeded.jobs) expect(job(await stats(), j.id)?.impressions).toBe(1)

    // Closing the tab: pagehide → leave by sendBeacon → no longer concurrent.
    const before = await stats()
    await page.close({ runBeforeUnload: true })
    await counters({ concurrent: 0, entries: 1, uniqueViewers: 1, views: 1, clicks: 1 })
    expect(Date.now() - lastAlive(1)).toBeLessThan(30_000) // the leave did it, not the 35 s expiry
    expect((await stats()).watchSeconds).toBeGreaterThanOrEqual(before.watchSeconds)

    // What the page sent: valid unique ids, one session, batches within the limits.
    const events = eventsOf(1)
    for (const s of sent.filter((x) => x.page === 1)) expect(s.events.length).toBeLessThanOrEqual(100)
    for (const e of events) expect(e.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(new Set(events.map((e) => e.sessionId)).size).toBe(1)
    expect(events.filter((e) => e.type === 'join')).toHaveLength(1)
  }, 90_000)

  test('a second page view by the same browser: a second entry, still one unique viewer', async () => {
    const page = await phone.ctx.newPage()
    record(page, 2)
    await page.goto(`${server.url}/watch/${seeded.streamId}`)
    await visible(page.getByRole('region', { name: '正在讲解' }))
    await counters({ entries: 2, uniqueViewers: 1, concurrent: 1 })
    const [a, b] = [eventsOf(1), eventsOf(2)]
    expect(b[0]?.viewerId).toBe(a[0]?.viewerId) // zb.viewerId in localStorage
    expect(b[0]?.sessionId).not.toBe(a[0]?.sessionId) // a new session per page view
    // Leaving by navigation is a pagehide too.
    await page.goto('about:blank')
    await counters({ concurrent: 0, entries: 2, uniqueViewers: 1 })
    expect(Date.now() - lastAlive(2)).toBeLessThan(30_000)
    await page.close()
  }, 60_000)
})

describe('beacons: the video fails (LiveKit refuses), the room still counts', () => {
  let lk: Awaited<ReturnType<typeof fakeLiveKit>>
  let lkServer: Awaited<ReturnType<typeof startServer>>
  let hr: APIRequestContext
  let s: Seeded
  let browser: Launched

  beforeAll(async () => {
    await ensureWebBuild()
    lk = await fakeLiveKit()
    lkServer = await startServer({ env: { LIVEKIT_URL: `ws://127.0.0.1:${lk.port}`, LIVEKIT_API_KEY: LK_KEY, LIVEKIT_API_SECRET: LK_SECRET } })
    hr = await request.newContext({ baseURL: lkServer.url })
    s = await seedStream(lkServer.url, hr, { email: 'hr-beacons-lk@test.local', company: '洛南县测试家政服务有限公司' })
    expect((await hr.post(`/api/streams/${s.streamId}/start`)).status()).toBe(200)
    browser = await launch({ phone: true })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await hr?.dispose()
    await lkServer?.stop()
    await lk?.close()
  })

  test('a join once the page says the video cannot connect (the cards are the show), a leave on close', async () => {
    const page = browser.ctx.pages()[0] ?? (await browser.ctx.newPage())
    const types: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/events') types.push(...(JSON.parse(r.postData() ?? '{}').events ?? []).map((e: Ev) => e.type))
    })
    const stats = async () => (await hr.get(`/api/streams/${s.streamId}/stats`)).json()
    await page.goto(`${lkServer.url}/watch/${s.streamId}`)
    await visible(page.getByText('视频连接不上，正在重试…'), 15_000)
    await expect.poll(stats, { timeout: 10_000, interval: 250 }).toMatchObject({ entries: 1, uniqueViewers: 1, concurrent: 1 })
    expect(types.filter((t) => t === 'join')).toHaveLength(1)
    await page.close({ runBeforeUnload: true })
    await expect.poll(stats, { timeout: 10_000, interval: 250 }).toMatchObject({ entries: 1, concurrent: 0 })
  }, 60_000)
})
