import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { Redis } from 'ioredis'
import { startServer } from '../helpers/server.ts'
import { keys } from '../../server/store/keys.ts'
import { containsText, ensureWebBuild, gone, launch, seedStream, visible, type Launched, type Seeded } from './support.ts'

// What real viewers hit in the live room (issue 14): a recruiter on a desktop, a viewer on a
// 360×740 phone, the real platform without LiveKit.

let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let phone: Launched
let viewer: Page
let seeded: Seeded
let redis: Redis
let tokenRequests = 0

const job = (title: string) => seeded.jobs.find((j) => j.title === title)!
const sheet = () => viewer.getByRole('dialog')
const featured = () => viewer.getByRole('region', { name: '本场岗位' })
const drawer = () => viewer.getByRole('complementary', { name: '全部岗位' })
const drawerCard = (title: string) => drawer().locator('article', { hasText: title })
const api = (method: 'post' | 'patch', path: string, data?: unknown) => hr.ctx.request[method](`${server.url}${path}`, data === undefined ? undefined : { data })
const watchUrl = () => `${server.url}/watch/${seeded.streamId}`

/** China-time 「M月D日」 of a moment, as the pages write it. */
function monthDay(d: Date) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' }).formatToParts(d)
  return `${parts.find((p) => p.type === 'month')!.value}月${parts.find((p) => p.type === 'day')!.value}日`
}

async function openDrawer() {
  if (!(await drawer().isVisible())) await viewer.getByRole('button', { name: /全部岗位/ }).click()
  await visible(drawer())
}

describe('live room fixes: what viewers hit', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    redis = new Redis(server.redisUrl)
    ;[hr, phone] = await Promise.all([launch(), launch({ phone: true })])
    viewer = phone.ctx.pages()[0] ?? (await phone.ctx.newPage())
    viewer.on('request', (r) => void (r.url().endsWith('/token') && tokenRequests++))
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-fixes@test.local', company: '商水县测试服装厂' })
    expect((await api('post', `/api/streams/${seeded.streamId}/start`)).status()).toBe(200)
  }, 120_000)

  afterAll(async () => {
    redis?.disconnect()
    await hr?.close()
    await phone?.close()
    await server?.stop()
  })

  test('nothing pinned: the first job is on screen; no token asked for without video; never 「0 人在看」', async () => {
    await viewer.goto(watchUrl())
    await containsText(featured(), '缝纫工')
    await visible(featured().getByRole('button', { name: '立即报名' }))
    await visible(viewer.getByText('这里暂时看不了视频画面'))
    const count = viewer.locator('.room-top .viewers')
    await visible(count)
    expect(await count.textContent()).toMatch(/^[1-9]\d* 人在看$/)
    // The stream detail said video is off: no token request the server would have to refuse.
    expect(tokenRequests).toBe(0)
  })

  test('the back gesture closes the apply sheet and the job list, not the room; the typed name is kept', async () => {
    await featured().getByRole('button', { name: '立即报名' }).click()
    await visible(sheet())
    await sheet().getByLabel('姓名', { exact: true }).fill('王秀兰')
    await viewer.goBack()
    await gone(sheet())
    expect(viewer.url()).toBe(watchUrl())
    await visible(featured())
    await featured().getByRole('button', { name: '立即报名' }).click()
    expect(await sheet().getByLabel('姓名', { exact: true }).inputValue()).toBe('王秀兰')
    // Closed with ×: its history entry goes too, so the next back leaves nothing open behind.
    await sheet().getByRole('button', { name: '关闭' }).click()
    await gone(sheet())

    await openDrawer()
    await viewer.goBack()
    await expect.poll(() => drawer().isVisible()).toBe(false)
    expect(viewer.url()).toBe(watchUrl())
    // From the list into a sheet: back closes the sheet only, then the list.
    await openDrawer()
    await drawerCard('采茶工').getByRole('button', { name: '立即报名' }).click()
    await visible(sheet())
    await viewer.goBack()
    await gone(sheet())
    expect(await drawer().isVisible()).toBe(true)
    await viewer.goBack()
    await expect.poll(() => drawer().isVisible()).toBe(false)
    expect(viewer.url()).toBe(watchUrl())
  })

  test('a refusal after 提交报名 is shown where the viewer can see it, not under the sticky bar', async () => {
    await openDrawer()
    await drawerCard('采茶工').getByRole('button', { name: '立即报名' }).click()
    await sheet().getByLabel('姓名', { exact: true }).fill('孙师傅')
    await sheet().getByLabel('手机号', { exact: true }).fill('13600136000')
    await sheet().getByRole('checkbox').check()
    // The recruiter closes the job while the sheet is open; the viewer looks back up the form.
    expect((await api('post', `/api/jobs/${job('采茶工').id}/close`)).status()).toBe(200)
    await viewer.locator('.sheet').evaluate((el) => el.scrollTo(0, 0))
    await sheet().getByRole('button', { name: '提交报名' }).click()
    const refusal = sheet().getByRole('alert').filter({ hasText: '这个岗位已经停止招聘了' })
    await visible(refusal)
    const seen = await refusal.evaluate((el) => {
      const r = el.getBoundingClientRect()
      const inside = r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      return { inside, onTop: !!top && (el === top || el.contains(top)) }
    })
    expect(seen).toEqual({ inside: true, onTop: true })
    await sheet().getByRole('button', { name: '关闭' }).click()
    await gone(sheet())
  })

  test('a raised pay and a closed job reach the phone without a reload (SSE and polling alike)', async () => {
    // A second phone without SSE (as on Workers): it polls GET /live.
    const poller = await phone.ctx.newPage()
    await poller.route('**/live/events', (r) =>
      r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'LIVE_EVENTS_UNAVAILABLE', message: 'poll', requestId: '' } }) }),
    )
    await poller.goto(watchUrl())
    const polled = poller.getByRole('region', { name: '本场岗位' })
    await containsText(polled, '¥4500–6500/月')
    await viewer.evaluate(() => ((window as any).__sameDocument = true))
    await poller.evaluate(() => ((window as any).__sameDocument = true))
    await containsText(featured(), '¥4500–6500/月')
    const edited = await api('patch', `/api/jobs/${job('缝纫工').id}`, { pay: { min: 5200, max: 7000, unit: 'month' } })
    expect(edited.status()).toBe(200)
    await containsText(featured(), '¥5200–7000/月')
    await containsText(polled, '¥5200–7000/月')
    expect(await poller.evaluate(() => (window as any).__sameDocument)).toBe(true)
    await poller.close()

    expect((await api('post', `/api/jobs/${job('鞋灯组装').id}/close`)).status()).toBe(200)
    await openDrawer()
    await containsText(drawerCard('鞋灯组装'), '已停止招聘')
    expect(await drawerCard('鞋灯组装').getByRole('button', { name: '立即报名' }).count()).toBe(0)
    // Closed before this test too (the refusal above): it offers no apply either.
    await containsText(drawerCard('采茶工'), '已停止招聘')
    expect(await drawerCard('采茶工').getByRole('button', { name: '立即报名' }).count()).toBe(0)
    expect(await viewer.evaluate(() => (window as any).__sameDocument)).toBe(true)
    await drawer().getByRole('button', { name: '关闭' }).click()
  })

  test('a studio form drops a field’s message as soon as the field is fixed', async () => {
    const studio = await hr.ctx.newPage()
    await studio.goto(`${server.url}/studio?tab=jobs`)
    await studio.getByRole('button', { name: '发布新岗位' }).click()
    await studio.getByRole('button', { name: '发布岗位' }).click()
    await visible(studio.locator('#f-title-error'))
    await visible(studio.locator('#f-headcount-error'))
    await studio.locator('#f-title').fill('包装工')
    await gone(studio.locator('#f-title-error'))
    expect(await studio.locator('#f-title').getAttribute('aria-invalid')).toBe('false')
    // Only the fixed field: the others still say what is wrong until they are fixed too.
    expect(await studio.locator('#f-headcount-error').isVisible()).toBe(true)
    await studio.locator('#f-headcount').fill('8')
    await gone(studio.locator('#f-headcount-error'))
    await studio.close()
  })

  test('an application on a later day than the stream shows its date (console and report)', async () => {
    // The stream went on air yesterday (China time); the application comes today.
    const raw = (await redis.get(keys.stream(seeded.streamId)))!
    const yesterday = new Date(Date.now() - 86_400_000)
    await redis.set(keys.stream(seeded.streamId), JSON.stringify({ ...JSON.parse(raw), startedAt: yesterday.toISOString() }))
    const res = await phone.ctx.request.post(`${server.url}/api/streams/${seeded.streamId}/applications`, {
      data: { jobId: job('缝纫工').id, name: '周大姐', phone: '13500135000', consent: true },
    })
    expect(res.status()).toBe(201)
    const today = monthDay(new Date())

    const console_ = await hr.ctx.newPage()
    await console_.goto(`${server.url}/studio/live/${seeded.streamId}`)
    const row = console_.getByRole('region', { name: '报名名单' }).getByRole('listitem').filter({ hasText: '周大姐' })
    await containsText(row, today)
    await console_.close()

    const report = await hr.ctx.newPage()
    await report.goto(`${server.url}/studio/report/${seeded.streamId}`)
    const cell = report.locator('[data-section="applicants"] tbody tr', { hasText: '周大姐' })
    await containsText(cell, today)
    await report.close()
  })

  test('after the end: no card says 正在讲解, the console has nothing 已置顶, the report shows the real start', async () => {
    expect((await api('post', `/api/streams/${seeded.streamId}/pin`, { jobId: job('缝纫工').id })).status()).toBe(200)
    const pinned = viewer.getByRole('region', { name: '正在讲解' })
    await containsText(pinned, '缝纫工')
    const console_ = await hr.ctx.newPage()
    await console_.goto(`${server.url}/studio/live/${seeded.streamId}`)
    const pins = console_.getByRole('region', { name: '岗位卡片' })
    await containsText(pins, '已置顶')

    const ended = await api('post', `/api/streams/${seeded.streamId}/end`)
    expect(ended.status()).toBe(200)
    await visible(viewer.getByText('直播已结束'))
    await gone(pinned)
    await visible(console_.getByText('这场直播已结束'))
    await expect.poll(async () => (await pins.textContent()) ?? '').not.toContain('已置顶')
    expect(await pins.locator('[aria-pressed="true"]').count()).toBe(0)
    await console_.close()

    const { stream } = (await (await hr.ctx.request.get(`${server.url}/api/streams/${seeded.streamId}`)).json()) as { stream: { startedAt: string; scheduledAt: string } }
    const report = await hr.ctx.newPage()
    await report.goto(`${server.url}/studio/report/${seeded.streamId}`)
    const started = report.locator('.report-meta time[datetime]').first()
    await visible(started)
    expect(await started.getAttribute('datetime')).toBe(stream.startedAt)
    await containsText(report.locator('.report-meta'), '开播')
    await report.close()
  })
})
