import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { startServer } from '../helpers/server.ts'
import { SHOTS, containsText, ensureWebBuild, gone, launch, seedStream, smallThings, visible, type Launched, type Seeded } from './support.ts'

// Two browsers, as in real life: the recruiter's console on a desktop and a viewer on a
// 360×740 phone, against the real platform without LiveKit (video says so, the rest works).

let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let phone: Launched
let console_: Page
let viewer: Page
let seeded: Seeded
const latencies: number[] = []
const counts = { token: 0, feed: 0 }

const job = (title: string) => seeded.jobs.find((j) => j.title === title)!
const pinButton = (title: string) => console_.getByRole('region', { name: '岗位卡片' }).getByRole('button', { name: new RegExp(title) })
const dock = () => viewer.getByRole('region', { name: '正在讲解' })
const feedRow = (text: string) => console_.getByRole('region', { name: '报名名单' }).getByRole('listitem').filter({ hasText: text })
const sheet = () => viewer.getByRole('dialog')

/** Pins (or unpins) on the console; resolves with ms until the phone's dock shows `expect` (or is empty). */
async function timedPin(title: string, expectTitle: string | null): Promise<number> {
  await viewer.evaluate((want) => {
    const seen = () => {
      const text = document.querySelector('.pinned-dock')?.textContent ?? null
      return want === null ? text === null : !!text?.includes(want)
    }
    ;(window as any).__pinSeen = new Promise<number>((resolve) => {
      if (seen()) return resolve(Date.now())
      const obs = new MutationObserver(() => {
        if (!seen()) return
        obs.disconnect()
        resolve(Date.now())
      })
      obs.observe(document.body, { childList: true, subtree: true, characterData: true })
    })
  }, expectTitle)
  const t0 = Date.now()
  await pinButton(title).click()
  const t1 = await viewer.evaluate(() => (window as any).__pinSeen as Promise<number>)
  const ms = t1 - t0
  latencies.push(ms)
  return ms
}

/** The phone forgets which jobs it applied for (as another person's phone would be), and reloads. */
async function forgetApplied() {
  await viewer.evaluate(() => ['zb.applied', 'zb.mine'].forEach((k) => localStorage.removeItem(k)))
  await viewer.reload()
  await visible(viewer.getByRole('button', { name: /全部岗位/ }))
}

describe('live room: recruiter console and a phone viewer', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    mkdirSync(SHOTS, { recursive: true })
    server = await startServer({ env: { APPLY_RATE_LIMIT_IP: '1000' } }) // the surge below comes from one address
    ;[hr, phone] = await Promise.all([launch({ fakeMedia: true }), launch({ phone: true })])
    console_ = hr.ctx.pages()[0] ?? (await hr.ctx.newPage())
    viewer = phone.ctx.pages()[0] ?? (await phone.ctx.newPage())
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-live@test.local', company: '平店乡测试服饰有限公司' })
    viewer.on('request', (r) => void (r.url().endsWith('/token') && counts.token++))
    console_.on('request', (r) => void (r.url().includes('/applications?') && counts.feed++))
  }, 120_000)

  afterAll(async () => {
    if (latencies.length) console.log(`pin → card on the phone: ${latencies.map((ms) => `${ms} ms`).join(', ')}`)
    await hr?.close()
    await phone?.close()
    await server?.stop()
  })

  test('the console opens from the stream list; camera preview works; video is plainly unavailable', async () => {
    await console_.goto(`${server.url}/studio?tab=streams`)
    await console_.locator('article', { hasText: '走进车间' }).getByRole('link', { name: '直播控制台' }).click()
    await console_.waitForURL(`**/studio/live/${seeded.streamId}`)
    await visible(console_.getByRole('heading', { name: '走进车间：缝纫、采茶、鞋灯一起招' }))
    await visible(console_.getByText('视频服务没有开通，观众看不到画面。开播、置顶岗位、接收报名都照常可用。'))
    await visible(console_.getByText('还没有人报名。'))

    // Browser camera (Chromium's fake device): preview plays and the pickers list devices.
    await console_.getByRole('button', { name: '打开摄像头' }).click()
    await expect.poll(() => console_.locator('video.preview').evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await console_.getByLabel('摄像头').locator('option').count()).toBeGreaterThan(0)
    expect(await console_.getByLabel('麦克风').locator('option').count()).toBeGreaterThan(0)
    expect(await console_.getByRole('button', { name: '开始推流' }).isDisabled()).toBe(true) // no LiveKit here

    // The phone, before the start: scheduled, with the time; the jobs can be applied to already.
    await viewer.goto(`${server.url}/watch/${seeded.streamId}`)
    await visible(viewer.getByText('直播还没开始'))
    await visible(viewer.getByText(/开播时间：/))
    await viewer.screenshot({ path: `${SHOTS}/live-viewer-scheduled-360.png` })

    await console_.getByRole('button', { name: '开始直播', exact: true }).click()
    await visible(console_.getByRole('button', { name: '结束直播' }))
    // No reload on the phone: the overlay says live, the video part says plainly it is not available.
    await visible(viewer.getByText('这里暂时看不了视频画面'))
    await visible(viewer.getByText('岗位介绍和报名都不受影响'))
    await containsText(viewer.locator('.room-top'), '直播中')
    // The stream said "no video here": no token was asked for and livekit-client never downloaded.
    const scripts = await viewer.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
    expect(scripts.filter((n) => /livekit/.test(n))).toEqual([])
  })

  test('a pin reaches the phone within a second, without reloading; unpin and re-pin too', async () => {
    const first = await timedPin('缝纫工', '缝纫工')
    await containsText(dock(), '¥4500–6500/月')
    await containsText(dock(), '商水县平店乡')
    await containsText(dock(), '剩 3 个名额')
    await containsText(dock(), '包吃住')
    await expect.poll(() => pinButton('缝纫工').getAttribute('aria-pressed'), { timeout: 5000 }).toBe('true')

    const second = await timedPin('采茶工', '采茶工')
    await containsText(dock(), '¥220/天')
    await expect.poll(() => pinButton('缝纫工').getAttribute('aria-pressed'), { timeout: 5000 }).toBe('false')
    const unpinned = await timedPin('采茶工', null)
    await gone(dock())
    const feedBefore = counts.feed
    const again = await timedPin('缝纫工', '缝纫工')
    // Pushed, not polled (the polling fallback takes ~2 s). The times include Playwright's own
    // click handling, which on a loaded 2-core CI machine alone can take a few hundred ms: the
    // median must be within a second, each one within 1.5 s.
    const sorted = [first, second, unpinned, again].sort((a, b) => a - b)
    expect((sorted[1]! + sorted[2]!) / 2).toBeLessThanOrEqual(1000)
    for (const ms of sorted) expect(ms).toBeLessThanOrEqual(1500)
    // Without LiveKit the page asks for no token at all (GET /api/streams/:id said `video: false`);
    // overlay updates do not refetch the applicant feed (the application count did not move).
    expect(counts.token).toBe(0)
    expect(counts.feed).toBe(feedBefore)
    await viewer.screenshot({ path: `${SHOTS}/live-viewer-pinned-360.png`, animations: 'disabled' })
    expect(await smallThings(viewer)).toEqual([]) // text ≥ 16 px, tap targets ≥ 44 px
  })

  test('without SSE (as on Workers) the page polls GET /live with its ETag', async () => {
    const poller = await phone.ctx.newPage()
    await poller.route('**/live/events', (r) =>
      r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'LIVE_EVENTS_UNAVAILABLE', message: 'poll', requestId: '' } }) }),
    )
    const polls: { status: number; etag?: string }[] = []
    poller.on('response', (r) => {
      if (new URL(r.url()).pathname === `/api/streams/${seeded.streamId}/live`) polls.push({ status: r.status(), etag: r.request().headers()['if-none-match'] })
    })
    await poller.goto(`${server.url}/watch/${seeded.streamId}`)
    const pinned = poller.getByRole('region', { name: '正在讲解' })
    await containsText(pinned, '缝纫工')
    const t0 = Date.now()
    await pinButton('采茶工').click()
    await containsText(pinned, '采茶工', 5000)
    const ms = Date.now() - t0
    console.log(`pin → card by polling: ${ms} ms`)
    expect(ms).toBeLessThanOrEqual(3000)
    await expect.poll(() => polls.some((p) => p.status === 304 && p.etag), { timeout: 6000 }).toBe(true)
    await poller.close()
    await timedPin('缝纫工', '缝纫工')
  })

  test('the phone applies from the pinned card; the console shows the applicant without reloading', async () => {
    await dock().getByRole('button', { name: '立即报名' }).click()
    await visible(sheet().getByRole('heading', { name: '报名：缝纫工' }))
    const phoneInput = sheet().getByLabel('手机号', { exact: true })
    expect(await phoneInput.getAttribute('inputmode')).toBe('numeric')

    // Nothing is sent while the form is wrong; messages in Chinese next to each field.
    await sheet().getByRole('button', { name: '提交报名' }).click()
    await visible(sheet().getByText('请填写姓名'))
    await visible(sheet().getByText('请输入 11 位手机号'))
    await visible(sheet().getByText('请勾选同意，企业才能联系您'))
    await phoneInput.fill('1380013')
    await sheet().getByLabel('年龄（选填）').fill('12')
    await sheet().getByRole('button', { name: '提交报名' }).click()
    await visible(sheet().getByText('年龄应在 16–80 岁之间'))
    await visible(sheet().getByText('请输入 11 位手机号'))

    await sheet().getByLabel('姓名', { exact: true }).fill('李秀英')
    await phoneInput.fill('138 0013 8000')
    await sheet().getByLabel('年龄（选填）').fill('46')
    await sheet().getByLabel('您住在（选填） · 县（区）').selectOption({ label: '商水县（周口市）' })
    await sheet().getByLabel('您住在（选填） · 乡镇 / 街道').selectOption({ label: '平店乡' })
    await sheet().getByLabel('哪个村（选填）').fill('李庄村')
    await sheet().getByRole('checkbox', { name: /同意把姓名和手机号交给平店乡测试服饰有限公司/ }).check()
    await viewer.screenshot({ path: `${SHOTS}/live-viewer-apply-sheet-360.png` })
    expect(await smallThings(viewer)).toEqual([])
    const applied = Date.now()
    await sheet().getByRole('button', { name: '提交报名' }).click()
    await visible(sheet().getByText('报名成功，企业将电话联系您'))
    await viewer.screenshot({ path: `${SHOTS}/live-viewer-applied-360.png` })

    // The recruiter's feed, live: full phone number (owner), highlighted as new.
    const row = feedRow('李秀英')
    await visible(row)
    console.log(`apply → console feed row: ${Date.now() - applied} ms`)
    await containsText(row, '13800138000')
    await containsText(row, '缝纫工')
    await containsText(row, '46 岁')
    await containsText(row, '平店乡李庄村')
    expect(await row.getAttribute('class')).toContain('fresh')
    await containsText(pinButton('缝纫工'), '1 人报名')
    await containsText(console_.locator('.stat-apps dd'), '1')

    await sheet().getByRole('button', { name: '好的' }).click()
    await gone(sheet())
    await containsText(dock(), '1 人已报名')
    await containsText(dock(), '已报名')
  })

  test('the recruiter marks the applicant hired; places left drop on the phone', async () => {
    await feedRow('李秀英').getByLabel('状态').selectOption({ label: '已录用' })
    await containsText(dock(), '剩 2 个名额')
    await containsText(pinButton('缝纫工'), '剩 2 个名额')
    await console_.evaluate(() => window.scrollTo(0, 0))
    await console_.screenshot({ path: `${SHOTS}/live-console-1280.png`, fullPage: true, animations: 'disabled' })
    await console_.reload()
    expect(await feedRow('李秀英').getByLabel('状态').inputValue()).toBe('hired')
    const csv = await console_.getByRole('link', { name: '导出 Excel (CSV)' }).getAttribute('href')
    const res = await hr.ctx.request.get(`${server.url}${csv}`)
    expect(res.headers()['content-type']).toContain('text/csv')
    expect(await res.text()).toContain('13800138000')
  })

  test('the same phone for the same job again: a friendly "already applied"', async () => {
    // This phone applied: its card says so instead of offering 立即报名 again (issue 14, defect 4).
    await containsText(dock().locator('.applied-state'), '已报名')
    expect(await dock().getByRole('button', { name: '立即报名' }).count()).toBe(0)
    // A phone that forgot (its data cleared, or the same number on another phone): the server says so.
    await forgetApplied()
    await dock().getByRole('button', { name: '立即报名' }).click()
    // Name and phone are filled in from last time.
    expect(await sheet().getByLabel('手机号', { exact: true }).inputValue()).toBe('13800138000')
    await sheet().getByRole('checkbox').check()
    await sheet().getByRole('button', { name: '提交报名' }).click()
    await visible(sheet().getByText('您已经报过这个岗位了'))
    await sheet().getByRole('button', { name: '好的' }).click()
    await containsText(dock().locator('.applied-state'), '已报名')
  })

  test('offline: the application is kept and sent when the network returns', async () => {
    await viewer.getByRole('button', { name: /全部岗位/ }).click()
    const drawer = viewer.getByRole('complementary', { name: '全部岗位' })
    await visible(drawer.locator('article', { hasText: '采茶工' }))
    await viewer.screenshot({ path: `${SHOTS}/live-viewer-all-jobs-360.png` })
    await drawer.locator('article', { hasText: '采茶工' }).getByRole('button', { name: '立即报名' }).click()
    await sheet().getByLabel('姓名', { exact: true }).fill('张桂兰')
    await sheet().getByLabel('手机号', { exact: true }).fill('13900139000')
    await sheet().getByRole('checkbox').check()

    await phone.ctx.setOffline(true)
    await sheet().getByRole('button', { name: '提交报名' }).click()
    const submitted = Date.now()
    await visible(sheet().getByText('网络不好，正在重试…'))
    const stored = await viewer.evaluate(() => JSON.parse(localStorage.getItem('zb.outbox') ?? '[]'))
    expect(stored).toHaveLength(1)
    expect(stored[0].key).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(stored[0].body).toMatchObject({ name: '张桂兰', phone: '13900139000', consent: true, jobId: job('采茶工').id })
    expect(stored[0].body.viewerId).toBe(await viewer.evaluate(() => localStorage.getItem('zb.viewerId')))
    await viewer.screenshot({ path: `${SHOTS}/live-viewer-retrying-360.png` })

    // Stay offline past the first retry (≤ 2.4 s), so the next backoff ends ≥ 4.8 s after the
    // submit; success well before that shows the `online` event sent it at once.
    await viewer.waitForTimeout(Math.max(0, 2600 - (Date.now() - submitted)))
    await phone.ctx.setOffline(false)
    const online = Date.now()
    await visible(sheet().getByText('报名成功，企业将电话联系您'))
    expect(Date.now() - online).toBeLessThan(1500)
    expect(await viewer.evaluate(() => localStorage.getItem('zb.outbox'))).toBe('[]')
    await visible(feedRow('张桂兰'))
    await containsText(feedRow('张桂兰'), '13900139000')
    await sheet().getByRole('button', { name: '好的' }).click()
  })

  test('offline, then the page is closed: the next visit sends it', async () => {
    const drawer = viewer.getByRole('complementary', { name: '全部岗位' })
    if (!(await drawer.isVisible())) await viewer.getByRole('button', { name: /全部岗位/ }).click()
    await drawer.locator('article', { hasText: '鞋灯组装' }).getByRole('button', { name: '立即报名' }).click()
    await containsText(sheet(), '¥1.2/件')
    await sheet().getByLabel('姓名', { exact: true }).fill('赵大姐')
    await sheet().getByLabel('手机号', { exact: true }).fill('13700137000')
    await sheet().getByRole('checkbox').check()
    await phone.ctx.setOffline(true)
    await sheet().getByRole('button', { name: '提交报名' }).click()
    await visible(sheet().getByText('网络不好，正在重试…'))
    await viewer.close()

    await phone.ctx.setOffline(false)
    viewer = await phone.ctx.newPage()
    const trace: string[] = []
    viewer.on('console', (m) => trace.push(`console ${m.type()} ${m.text().slice(0, 160)}`))
    viewer.on('pageerror', (e) => trace.push(`pageerror ${e.message}`))
    viewer.on('requestfailed', (r) => trace.push(`failed ${r.url()} ${r.failure()?.errorText}`))
    viewer.on('response', (r) => trace.push(`${r.status()} ${r.request().method()} ${r.url().replace(server.url, '')}`))
    await viewer.goto(`${server.url}/watch/${seeded.streamId}`)
    const toast = viewer.locator('.toast', { hasText: '鞋灯组装' })
    try {
      await containsText(toast, '鞋灯组装：报名成功，企业将电话联系您', 20_000)
      await visible(feedRow('赵大姐'), 10_000)
    } catch (e) {
      // What the phone kept and what both screens show, to tell a slow network from a lost application.
      console.log('trace:', trace.join('\n'))
      console.log('outbox:', await viewer.evaluate(() => localStorage.getItem('zb.outbox')))
      console.log('console feed:', await console_.getByRole('region', { name: '报名名单' }).textContent({ timeout: 1000 }).catch(() => '-'))
      throw e
    }
    expect(await viewer.evaluate(() => localStorage.getItem('zb.outbox'))).toBe('[]')
    await toast.getByRole('button', { name: '关闭' }).click()
  }, 40_000)

  test('a job closed meanwhile: the sheet says so next to the button, nothing is kept', async () => {
    await forgetApplied() // this phone applied for 采茶工 above: another villager picks it up
    const drawer = viewer.getByRole('complementary', { name: '全部岗位' })
    if (!(await drawer.isVisible())) await viewer.getByRole('button', { name: /全部岗位/ }).click()
    await drawer.locator('article', { hasText: '采茶工' }).getByRole('button', { name: '立即报名' }).click()
    await sheet().getByLabel('姓名', { exact: true }).fill('孙师傅')
    await sheet().getByLabel('手机号', { exact: true }).fill('13600136000')
    await sheet().getByRole('checkbox').check()
    // Closed while the sheet is open (the card itself stops offering 立即报名 once it hears).
    const closed = await hr.ctx.request.post(`${server.url}/api/jobs/${job('采茶工').id}/close`)
    expect(closed.status()).toBe(200)
    await sheet().getByRole('button', { name: '提交报名' }).click()
    await visible(sheet().getByText('这个岗位已经停止招聘了，看看其他岗位吧。'))
    expect(await viewer.evaluate(() => localStorage.getItem('zb.outbox'))).toBe('[]')
    await sheet().getByRole('button', { name: '关闭' }).click()
  })

  test('a job attached mid-stream and pinned shows up on the phone without reloading', async () => {
    const api = hr.ctx.request
    const res = await api.post(`${server.url}/api/jobs`, { data: { title: '保洁员', pay: { min: 25, max: 25, unit: 'hour' }, headcount: 5, location: { town: '洛南县城关街道' }, tags: ['时间灵活'] } })
    const { job: added } = (await res.json()) as { job: { id: string } }
    const patched = await api.patch(`${server.url}/api/streams/${seeded.streamId}`, { data: { jobIds: [...seeded.jobs.map((j) => j.id), added.id] } })
    expect(patched.status()).toBe(200)
    expect((await api.post(`${server.url}/api/streams/${seeded.streamId}/pin`, { data: { jobId: added.id } })).status()).toBe(200)
    await containsText(dock(), '保洁员')
    await containsText(dock(), '¥25/时')
    await visible(viewer.getByRole('button', { name: '全部岗位 · 4 个' }))
    // The console learns the new job without reloading, too.
    await visible(pinButton('保洁员'))
    await expect.poll(() => pinButton('保洁员').getAttribute('aria-pressed'), { timeout: 5000 }).toBe('true')
    await timedPin('缝纫工', '缝纫工')
  })

  test('a surge of 120 applications at once: the console and the open report show every one, none skipped', async () => {
    const report = await hr.ctx.newPage()
    await report.goto(`${server.url}/studio/report/${seeded.streamId}`)
    await visible(report.locator('[data-section="applicants"] tbody tr'))
    const anon = phone.ctx.request
    const replies = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        anon.post(`${server.url}/api/streams/${seeded.streamId}/applications`, {
          data: { jobId: job('缝纫工').id, name: `涌入${i}`, phone: `137${String(i).padStart(8, '0')}`, consent: true, viewerId: `surge-viewer-${i}` },
        }),
      ),
    )
    expect(replies.map((r) => r.status()).filter((s) => s !== 201)).toEqual([])
    const surge = console_.getByRole('region', { name: '报名名单' }).getByRole('listitem').filter({ hasText: '涌入' })
    await expect.poll(() => surge.count(), { timeout: 10_000 }).toBe(120)
    const names = new Set(await surge.evaluateAll((els) => els.map((e) => /涌入\d+/.exec(e.textContent ?? '')?.[0])))
    expect(names.size).toBe(120)
    // The report refreshes every 5 s while live and asks for what came since its newest row.
    const reported = report.locator('[data-section="applicants"] tbody tr').filter({ hasText: '涌入' })
    await expect.poll(() => reported.count(), { timeout: 15_000 }).toBe(120)
    await report.close()
  })

  test('the viewer page on a desktop: video left, jobs right', async () => {
    const wide = await hr.ctx.newPage()
    await wide.goto(`${server.url}/watch/${seeded.streamId}`)
    const side = wide.getByRole('complementary', { name: '全部岗位' })
    await visible(side.locator('article', { hasText: '采茶工' }))
    await visible(wide.getByRole('region', { name: '正在讲解' }))
    const [stage, list] = await Promise.all([wide.locator('.room-stage').boundingBox(), side.boundingBox()])
    expect(stage!.x).toBeLessThan(list!.x)
    await wide.screenshot({ path: `${SHOTS}/live-viewer-1280.png`, animations: 'disabled' })
    await wide.close()
  })

  test('the recruiter ends the stream; the phone says so, applying still works', async () => {
    console_.once('dialog', (d) => void d.accept())
    await console_.getByRole('button', { name: '结束直播' }).click()
    await visible(viewer.getByText('直播已结束'))
    await visible(viewer.getByText('岗位还可以继续报名'))
    await visible(console_.getByText('这场直播已结束'))
    const overflow = await viewer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBe(0)
  })
})
