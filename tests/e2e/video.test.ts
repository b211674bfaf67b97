import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { AccessToken, TokenVerifier } from 'livekit-server-sdk'
import { freePort, startLivekit, videoSkipReason, type TestLivekit } from '../helpers/livekit.ts'
import { startServer } from '../helpers/server.ts'
import { CHROMIUM } from './browser.ts'
import { receivedWidth, recordPeerConnections, sentLayers } from './rtc-stats.ts'
import { until } from '../helpers/until.ts'
import { SHOTS, containsText, ensureWebBuild, gone, launch, seedStream, smallThings, visible, type Launched, type Seeded } from './support.ts'

// Real video end to end: the recruiter's studio publishes Chromium's fake camera into a real
// livekit-server, whose signed webhooks move the stream on the real platform; phones (360×740,
// each its own browser context = its own device) watch it. Nothing here is a stand-in.

const skip = videoSkipReason()

type Phone = { ctx: BrowserContext; page: Page }

let lk: TestLivekit
let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let phones: Browser
let studio: Page
let seeded: Seeded
let viewer: Phone

const stage = (p: Page) => p.locator('.stage video')
const frames = (p: Page) =>
  stage(p).evaluate((v: HTMLVideoElement) => ({ n: v.getVideoPlaybackQuality().totalVideoFrames, w: v.videoWidth, attached: v.srcObject !== null }))
const audioTime = (p: Page) => p.locator('.stage audio').evaluate((a: HTMLAudioElement) => (a.paused ? -1 : a.currentTime))
const streamStatus = async (id: string) => ((await (await fetch(`${server.url}/api/streams/${id}`)).json()) as { stream: { status: string } }).stream.status

/** The picture really plays: it has a size and decoded frames keep coming (by `more` past now). */
async function framesGrow(p: Page, more = 15, timeout = 30_000) {
  await expect.poll(async () => (await frames(p)).w, { timeout }).toBeGreaterThan(0)
  const from = (await frames(p)).n
  await expect.poll(async () => (await frames(p)).n, { timeout }).toBeGreaterThan(from + more)
}

/**
 * Phones block sound until the user taps; headless Chromium plays it anyway (it ignores
 * --autoplay-policy, and a Playwright goto already counts as user activation — both seen
 * here), so the page gets the phone's rule: an unmuted element may only start playing (by play() or
 * autoplay) once the user has tapped the page (a trusted pointer event, as Playwright's click sends).
 */
async function blockAutoplayUntilTap(ctx: BrowserContext) {
  await ctx.addInitScript(() => {
    let tapped = false
    addEventListener('pointerdown', (e) => void (tapped ||= e.isTrusted), true)
    // <audio autoplay> would bypass play(): until a tap, setting autoplay on audio does nothing.
    const autoplay = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'autoplay')!
    Object.defineProperty(HTMLAudioElement.prototype, 'autoplay', {
      configurable: true,
      get() {
        return autoplay.get!.call(this)
      },
      set(v: boolean) {
        if (tapped || !v) autoplay.set!.call(this, v)
      },
    })
    const play = HTMLMediaElement.prototype.play
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (!this.muted && !tapped) return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'))
      return play.call(this)
    }
  })
}

/**
 * A phone: its own context (own localStorage, so its own viewer id and LiveKit identity).
 * `before` runs on the page before it opens `path` (e.g. to slow its network down).
 */
async function phone(path: string, before?: (p: Page) => Promise<void>): Promise<Phone> {
  const ctx = await phones.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  ctx.setDefaultTimeout(10_000)
  await blockAutoplayUntilTap(ctx)
  await recordPeerConnections(ctx)
  const page = await ctx.newPage()
  await before?.(page)
  if (process.env.VIDEO_DEBUG) page.on('console', (m) => console.log(`[phone] ${m.type()} ${m.text()}`))
  await page.goto(`${server.url}${path}`)
  return { ctx, page }
}

const viewersShown = (p: Page) => p.locator('.room-top .viewers').textContent()

describe.skipIf(skip)('real video: studio camera → livekit-server → phones', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    // The platform's port is chosen first so LiveKit's webhooks can point at it.
    const port = await freePort()
    lk = await startLivekit({ webhookUrls: [`http://127.0.0.1:${port}/api/livekit/webhook`] })
    server = await startServer({ env: { PORT: String(port), LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret } })
    hr = await launch({ fakeMedia: true })
    await recordPeerConnections(hr.ctx)
    phones = await chromium.launch(CHROMIUM)
    studio = hr.ctx.pages()[0] ?? (await hr.ctx.newPage())
    if (process.env.VIDEO_DEBUG) studio.on('console', (m) => console.log(`[studio] ${m.type()} ${m.text()}`))
    studio.on('dialog', (d) => void d.accept()) // 结束直播 asks to confirm
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-video@test.local', company: '平店乡视频测试服饰有限公司' })
  }, 180_000)

  afterAll(async () => {
    await phones?.close()
    await hr?.close()
    await server?.stop()
    await lk?.stop()
  })

  test('the recruiter goes live from the studio camera; a phone sees it, gets the pinned card, and hears after one tap', async () => {
    await studio.goto(`${server.url}/studio/live/${seeded.streamId}`)
    await gone(studio.getByText('正在检查视频服务…'))
    await studio.getByRole('button', { name: '用浏览器直播' }).click()
    await studio.getByRole('button', { name: '打开摄像头' }).click()
    await studio.getByRole('button', { name: '开始推流' }).click()
    await visible(studio.getByText('正在推流，观众能看到画面'), 20_000)
    // Nobody pressed 开始直播: LiveKit's signed room_started moved the stream.
    await expect.poll(() => streamStatus(seeded.streamId), { timeout: 20_000 }).toBe('live')
    await visible(studio.getByRole('button', { name: '结束直播' }))
    await studio.getByRole('region', { name: '岗位卡片' }).getByRole('button', { name: /缝纫工/ }).click()

    viewer = await phone(`/watch/${seeded.streamId}`)
    await framesGrow(viewer.page)
    await containsText(viewer.page.getByRole('region', { name: '正在讲解' }), '缝纫工')
    const camera = await studio.locator('video.preview').evaluate((v: HTMLVideoElement) => `${v.videoWidth}×${v.videoHeight}`)
    // The studio sends simulcast (the 180p and 360p layers beside the camera's own size)...
    const layers = await until('the studio sending simulcast layers', async () => {
      const l = await sentLayers(studio)
      return l.filter((x) => x.width > 0).length >= 2 && l
    })
    // ...and the 360-px phone, whose landscape picture shows 360×203, gets a small layer, not 720p.
    await expect.poll(() => receivedWidth(viewer.page), { timeout: 20_000 }).toBeLessThanOrEqual(640)
    await expect.poll(async () => (await frames(viewer.page)).w, { timeout: 20_000 }).toBeLessThanOrEqual(640)
    const got = await stage(viewer.page).evaluate((v: HTMLVideoElement) => `${v.videoWidth}×${v.videoHeight}`)
    console.log(`camera ${camera}, studio layers ${layers.map((l) => `${l.rid}:${l.width}×${l.height}@${Math.round(l.fps)}`).join(' ')}; the 360-px phone receives ${got}`)
    // Sound was blocked (no tap yet): one tap starts it.
    const unmute = viewer.page.getByRole('button', { name: /点击开启声音/ })
    await visible(unmute)
    expect(await audioTime(viewer.page)).toBe(-1)
    await viewer.page.screenshot({ path: `${SHOTS}/video-viewer-playing-360.png` })
    expect(await smallThings(viewer.page)).toEqual([])
    await unmute.click()
    await gone(unmute)
    const t0 = await audioTime(viewer.page)
    await expect.poll(() => audioTime(viewer.page), { timeout: 10_000 }).toBeGreaterThan(t0 + 0.5)
  }, 120_000)

  test('the viewer count on screen follows real viewers', async () => {
    await expect.poll(() => viewersShown(viewer.page), { timeout: 30_000 }).toBe('1 人在看')
    const second = await phone(`/watch/${seeded.streamId}`)
    await framesGrow(second.page)
    await expect.poll(() => viewersShown(viewer.page), { timeout: 30_000 }).toBe('2 人在看')
    await containsText(studio.locator('.stat-viewers dd'), '2', 30_000)
    await second.ctx.close() // pagehide: its leave beacon goes out
    await expect.poll(() => viewersShown(viewer.page), { timeout: 50_000 }).toBe('1 人在看')
  }, 120_000)

  test('a phone on a 400 kbps network plays the lowest layer (≤ 320 px wide)', async () => {
    // Chromium's network emulation does not shape WebRTC's UDP, but it does set what the page's
    // navigator.connection reports (as a real phone's Chrome measures it): the viewer reads that
    // and asks LiveKit for the lowest simulcast layer itself.
    const slow = await phone(`/watch/${seeded.streamId}`, async (p) => {
      const cdp = await p.context().newCDPSession(p)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 400_000 / 8, uploadThroughput: 200_000 / 8 })
    })
    try {
      expect(await slow.page.evaluate(() => (navigator as { connection?: { downlink: number } }).connection?.downlink)).toBeLessThan(1)
      await framesGrow(slow.page)
      await expect.poll(() => receivedWidth(slow.page), { timeout: 20_000 }).toBeLessThanOrEqual(320)
      await expect.poll(async () => (await frames(slow.page)).w, { timeout: 20_000 }).toBeLessThanOrEqual(320)
      await framesGrow(slow.page) // the small layer keeps playing
      console.log(`the 400 kbps phone receives ${await stage(slow.page).evaluate((v: HTMLVideoElement) => `${v.videoWidth}×${v.videoHeight}`)}`)
    } finally {
      await slow.ctx.close()
    }
  }, 90_000)

  test('省流量·只听声音: the picture stops, the sound goes on, and the choice survives a reload', async () => {
    const p = viewer.page
    const toggle = p.getByRole('switch', { name: '省流量·只听声音' })
    expect(await toggle.getAttribute('aria-checked')).toBe('false')
    await toggle.click()
    expect(await toggle.getAttribute('aria-checked')).toBe('true')
    await visible(p.getByText('正在只听声音'))
    // The video track is unsubscribed (detached from the element); while the sound plays on
    // for two more seconds, not one more frame is decoded.
    await expect.poll(async () => (await frames(p)).attached, { timeout: 10_000 }).toBe(false)
    const still = (await frames(p)).n
    const heard = await audioTime(p)
    await expect.poll(() => audioTime(p), { timeout: 10_000 }).toBeGreaterThan(heard + 2)
    expect((await frames(p)).n).toBe(still)

    await p.reload()
    await visible(p.getByText('正在只听声音'), 20_000)
    expect(await p.getByRole('switch', { name: '省流量·只听声音' }).getAttribute('aria-checked')).toBe('true')
    expect(await frames(p)).toMatchObject({ n: 0, attached: false })
    await p.getByRole('button', { name: /点击开启声音/ }).click()
    await expect.poll(() => audioTime(p), { timeout: 10_000 }).toBeGreaterThan(0.5)
    expect((await frames(p)).n).toBe(0)
    await p.screenshot({ path: `${SHOTS}/video-viewer-audio-only-360.png` })

    await p.getByRole('switch', { name: '省流量·只听声音' }).click()
    await framesGrow(p)
    await gone(p.getByText('正在只听声音'))
  }, 90_000)

  test('an expired viewer token does not drop the viewer; livekit-server killed and restarted → 正在重连, then it plays again by itself', async () => {
    // A viewer whose join tokens live 4 s: the real token from our API, re-signed with the same
    // claims but a short lifetime (the production TTL is 15 minutes, too long to wait out here).
    const verifier = new TokenVerifier(lk.apiKey, lk.apiSecret)
    let expiresAt = 0
    const shortLived = await phones.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    await shortLived.route('**/api/streams/*/token', async (route) => {
      const res = await route.fetch()
      const body = (await res.json()) as { token: string }
      const claims = await verifier.verify(body.token)
      const at = new AccessToken(lk.apiKey, lk.apiSecret, { identity: claims.sub!, ttl: 4 })
      at.addGrant(claims.video!)
      expiresAt = Date.now() + 4000
      await route.fulfill({ response: res, json: { ...body, token: await at.toJwt() } })
    })
    await blockAutoplayUntilTap(shortLived)
    const p = await shortLived.newPage()
    if (process.env.VIDEO_DEBUG) p.on('console', (m) => console.log(`[short] ${m.type()} ${m.text()}`))
    await p.goto(`${server.url}/watch/${seeded.streamId}`)
    await framesGrow(p)
    await expect.poll(() => Date.now() > expiresAt + 1000, { timeout: 10_000 }).toBe(true)
    await framesGrow(p) // still playing past the token's expiry

    await lk.kill()
    await visible(p.getByText('网络不稳，正在重连…'), 15_000)
    await visible(viewer.page.getByText('网络不稳，正在重连…'), 15_000)
    await p.screenshot({ path: `${SHOTS}/video-viewer-reconnecting-360.png` })
    await lk.start()
    // No tap, no reload: both phones (one with only expired tokens in hand) play again.
    await framesGrow(p, 15, 90_000)
    await framesGrow(viewer.page, 15, 60_000)
    await gone(p.getByText('网络不稳，正在重连…'))
    await shortLived.close()
  }, 240_000)

  test('livekit-server away longer than livekit-client retries: the studio shows 正在重连, rejoins and republishes by itself, and the phone plays again', async () => {
    await framesGrow(viewer.page)
    // livekit-client says on the console when it gives up for good (about 45 s of retries).
    let gaveUp = 0
    const onConsole = (m: import('playwright-core').ConsoleMessage) => {
      if (/could not recover connection .* giving up/.test(m.text())) gaveUp ||= Date.now()
    }
    studio.on('console', onConsole)
    try {
      await lk.kill()
      const killed = Date.now()
      await visible(studio.getByText('正在重连'), 20_000)
      await expect.poll(() => gaveUp, { timeout: 120_000, interval: 1000 }).toBeGreaterThan(0)
      // Given up, and still not stopped: the studio keeps saying 正在重连 and offers no 开始推流.
      await visible(studio.getByText('正在重连'))
      expect(await studio.getByRole('button', { name: '开始推流' }).count()).toBe(0)
      await studio.screenshot({ path: `${SHOTS}/video-studio-reconnecting.png` })
      await lk.start()
      const restarted = Date.now()
      // Nobody touches the studio: it takes a fresh host token, joins the new server's room and
      // publishes the camera again; the phone (which rejoins on its own) sees frames again.
      await visible(studio.getByText('正在推流，观众能看到画面'), 60_000)
      const studioBack = Date.now()
      await framesGrow(viewer.page, 15, 90_000)
      console.log(
        `livekit-server away ${Math.round((restarted - killed) / 1000)} s (livekit-client gave up after ${Math.round((gaveUp - killed) / 1000)} s); ` +
          `studio publishing again ${((studioBack - restarted) / 1000).toFixed(1)} s after the restart, the phone playing ${((Date.now() - restarted) / 1000).toFixed(1)} s after`,
      )
      expect(await streamStatus(seeded.streamId)).toBe('live')
    } finally {
      studio.off('console', onConsole)
    }
  }, 300_000)

  test('the recruiter ends the stream: phones see 直播已结束', async () => {
    await studio.getByRole('button', { name: '结束直播' }).click()
    await visible(viewer.page.getByText('直播已结束'), 15_000)
    expect(await streamStatus(seeded.streamId)).toBe('ended')
    expect(await frames(viewer.page)).toMatchObject({ attached: false })
  }, 60_000)

  test("room_finished ends a stream whose recruiter stopped broadcasting and left", async () => {
    const res = await hr.ctx.request.post(`${server.url}/api/streams`, {
      data: { title: '第二场：宿舍与食堂', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), jobIds: seeded.jobs.map((j) => j.id) },
    })
    const second = ((await res.json()) as { stream: { id: string } }).stream.id
    await studio.goto(`${server.url}/studio/live/${second}`)
    await gone(studio.getByText('正在检查视频服务…'))
    await studio.getByRole('button', { name: '打开摄像头' }).click()
    await studio.getByRole('button', { name: '开始推流' }).click()
    await expect.poll(() => streamStatus(second), { timeout: 20_000 }).toBe('live')
    await studio.getByRole('button', { name: '停止推流' }).click()
    // The room empties; LiveKit closes it after its departure timeout and says room_finished.
    await expect.poll(() => streamStatus(second), { timeout: 60_000 }).toBe('ended')
    await visible(studio.getByText(/这场直播已结束/), 15_000)
  }, 120_000)

  test('LiveKit down before the viewer opens: the page says video is unavailable; cards, pin and apply still work', async () => {
    const res = await hr.ctx.request.post(`${server.url}/api/streams`, {
      data: { title: '第三场：视频服务断了', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), jobIds: seeded.jobs.map((j) => j.id) },
    })
    const third = ((await res.json()) as { stream: { id: string } }).stream.id
    await lk.stop()
    try {
      expect((await hr.ctx.request.post(`${server.url}/api/streams/${third}/start`)).status()).toBe(200)
      const v = await phone(`/watch/${third}`)
      await visible(v.page.getByText('视频连接不上，正在重试…'), 30_000)
      await visible(v.page.getByText('岗位介绍和报名都不受影响'))
      expect((await hr.ctx.request.post(`${server.url}/api/streams/${third}/pin`, { data: { jobId: seeded.jobs[1]!.id } })).status()).toBe(200)
      const dock = v.page.getByRole('region', { name: '正在讲解' })
      await containsText(dock, '采茶工')
      await dock.getByRole('button', { name: '立即报名' }).click()
      const sheet = v.page.getByRole('dialog')
      await sheet.getByLabel('姓名', { exact: true }).fill('张桂兰')
      await sheet.getByLabel('手机号', { exact: true }).fill('13900139000')
      await sheet.getByRole('checkbox').check()
      await sheet.getByRole('button', { name: '提交报名' }).click()
      await visible(sheet.getByText('报名成功，企业将电话联系您'))
      await v.page.screenshot({ path: `${SHOTS}/video-viewer-livekit-down-360.png` })
      await v.ctx.close()
    } finally {
      await lk.start()
    }
  }, 90_000)
})
