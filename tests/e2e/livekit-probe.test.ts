import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TokenVerifier } from 'livekit-server-sdk'
import { startServer } from '../helpers/server.ts'
import { LK_KEY, LK_SECRET, fakeLiveKit } from './fake-livekit.ts'
import { SHOTS, ensureWebBuild, gone, launch, seedStream, visible, type Launched, type Seeded } from './support.ts'

describe('LiveKit connect probe: the pages really call LiveKit with the API token', () => {
  let lk: Awaited<ReturnType<typeof fakeLiveKit>>
  let lkServer: Awaited<ReturnType<typeof startServer>>
  let desk: Launched
  let mobile: Launched
  let s: Seeded
  const verifier = new TokenVerifier(LK_KEY, LK_SECRET)

  beforeAll(async () => {
    await ensureWebBuild()
    lk = await fakeLiveKit()
    lkServer = await startServer({ env: { LIVEKIT_URL: `ws://127.0.0.1:${lk.port}`, LIVEKIT_API_KEY: LK_KEY, LIVEKIT_API_SECRET: LK_SECRET } })
    ;[desk, mobile] = await Promise.all([launch({ fakeMedia: true }), launch({ phone: true })])
    s = await seedStream(lkServer.url, desk.ctx.request, { email: 'hr-probe@test.local', company: '张北县测试光伏运维有限公司' })
    const started = await desk.ctx.request.post(`${lkServer.url}/api/streams/${s.streamId}/start`)
    expect(started.status()).toBe(200)
  }, 120_000)

  afterAll(async () => {
    await desk?.close()
    await mobile?.close()
    await lkServer?.stop()
    await lk?.close()
  })

  test('the viewer page connects to LIVEKIT_URL/rtc with the viewer token the API issued', async () => {
    const page = mobile.ctx.pages()[0] ?? (await mobile.ctx.newPage())
    const tokenRes = page.waitForResponse((r) => r.url().endsWith(`/api/streams/${s.streamId}/token`) && r.request().method() === 'POST')
    await page.goto(`${lkServer.url}/watch/${s.streamId}`)
    const res = await tokenRes
    expect(res.status()).toBe(200)
    const issued = (await res.json()) as { serverUrl: string; roomName: string; identity: string; token: string; role: string }
    expect(issued.role).toBe('viewer')
    expect(issued.serverUrl).toBe(`ws://127.0.0.1:${lk.port}`)
    const viewerId = await page.evaluate(() => localStorage.getItem('zb.viewerId'))
    expect(viewerId).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
    expect(res.request().postDataJSON()).toEqual({ viewerId })

    await expect.poll(() => lk.upgrades.length, { timeout: 15_000 }).toBeGreaterThan(0)
    const first = lk.upgrades[0]!
    expect(first.path).toMatch(/^\/rtc(\/v1)?$/)
    expect(first.token).toBe(issued.token)
    const claims = await verifier.verify(first.token!)
    expect(claims.sub).toBe(`v_${viewerId}`)
    expect(claims.video).toMatchObject({ room: s.streamId, roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: false })

    // LiveKit refused: the page says so plainly, keeps retrying, and the cards still work.
    await visible(page.getByText('视频连接不上，正在重试…'), 15_000)
    await page.screenshot({ path: `${SHOTS}/live-viewer-video-failed-360.png` })
    await page.getByRole('button', { name: /全部岗位/ }).click()
    await visible(page.getByRole('complementary', { name: '全部岗位' }).locator('article', { hasText: '采茶工' }))
    // livekit-client came as its own chunk after the first screen, never with it.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')))
    expect(scripts.some((n) => /livekit-client/.test(n))).toBe(true)
    const html = await (await page.request.get(`${lkServer.url}/watch/${s.streamId}`)).text()
    expect(html).not.toMatch(/livekit/)
    await page.close() // stops its reconnect attempts
  })

  test('the console gets OBS details and publishes the camera with the host token', async () => {
    const page = desk.ctx.pages()[0] ?? (await desk.ctx.newPage())
    await page.goto(`${lkServer.url}/studio/live/${s.streamId}`)
    await visible(page.getByRole('button', { name: '结束直播' }))
    await gone(page.getByText('正在检查视频服务…'))
    expect(await page.getByText('视频服务没有开通').count()).toBe(0)

    await page.getByRole('button', { name: '用 OBS 推流' }).click()
    await page.getByRole('button', { name: '获取 RTMP 推流地址' }).click()
    expect(await page.getByLabel('服务器地址 (RTMP)', { exact: true }).inputValue()).toBe('rtmp://probe.local/x')
    expect(await page.getByLabel('推流密钥', { exact: true }).inputValue()).toBe('sk_probe_1')
    await page.getByRole('button', { name: '复制 推流密钥' }).click()
    await visible(page.getByRole('button', { name: '已复制 推流密钥' }))
    await page.getByRole('button', { name: '获取 WHIP 地址' }).click()
    await expect.poll(() => page.getByLabel('服务器地址 (WHIP)', { exact: true }).inputValue()).toBe('https://probe.local/w')
    await page.screenshot({ path: `${SHOTS}/live-console-obs-1280.png` })

    await page.getByRole('button', { name: '用浏览器直播' }).click()
    await page.getByRole('button', { name: '打开摄像头' }).click()
    const before = lk.upgrades.length
    await page.getByRole('button', { name: '开始推流' }).click()
    // The host's join is the one whose token may publish (a viewer page elsewhere may retry meanwhile).
    const hostJoin = async () => {
      for (const u of lk.upgrades.slice(before)) {
        const claims = await verifier.verify(u.token!)
        if (claims.video?.canPublish) return { path: u.path, claims }
      }
      return null
    }
    await expect.poll(hostJoin, { timeout: 15_000 }).not.toBeNull()
    const host = (await hostJoin())!
    expect(host.path).toMatch(/^\/rtc(\/v1)?$/)
    expect(host.claims.video).toMatchObject({ room: s.streamId, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true })
    expect(host.claims.sub).not.toMatch(/^v_/)
    await visible(page.getByText(/推流失败/), 20_000)
  })
})
