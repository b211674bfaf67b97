import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { request as httpRequest, type ClientRequest } from 'node:http'
import type { Page } from 'playwright-core'
import { startServer } from '../helpers/server.ts'
import { LK_KEY, LK_SECRET, fakeLiveKit } from './fake-livekit.ts'
import { containsText, ensureWebBuild, launch, seedStream, visible, type Launched, type Seeded } from './support.ts'

// The built web app under the server's security headers (issue 9 item 7): no page trips the CSP,
// video still reaches LIVEKIT_URL; and a viewer refused SSE by the cap (item 6) polls instead.

/** Every CSP violation a page reports, from its first script on. */
async function watchViolations(page: Page) {
  const seen: string[] = []
  page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && seen.push(m.text())))
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`))
  })
  return async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))]
}

describe('the web app under its CSP, and SSE refused', () => {
  let lk: Awaited<ReturnType<typeof fakeLiveKit>>
  let server: Awaited<ReturnType<typeof startServer>>
  let desk: Launched
  let phone: Launched
  let s: Seeded

  beforeAll(async () => {
    await ensureWebBuild()
    lk = await fakeLiveKit()
    // One SSE connection per address: every browser here is 127.0.0.1.
    server = await startServer({ env: { LIVEKIT_URL: `ws://127.0.0.1:${lk.port}`, LIVEKIT_API_KEY: LK_KEY, LIVEKIT_API_SECRET: LK_SECRET, SSE_MAX_PER_IP: '1' } })
    ;[desk, phone] = await Promise.all([launch({ fakeMedia: true }), launch({ phone: true })])
    s = await seedStream(server.url, desk.ctx.request, { email: 'hr-csp@test.local', company: '商水县测试服饰有限公司' })
    expect((await desk.ctx.request.post(`${server.url}/api/streams/${s.streamId}/start`)).status()).toBe(200)
  }, 120_000)

  afterAll(async () => {
    await desk?.close()
    await phone?.close()
    await server?.stop()
    await lk?.close()
  })

  test('home, the live room, the console and the report load with no CSP violation; video reaches LiveKit', async () => {
    const page = await phone.ctx.newPage()
    const violations = await watchViolations(page)
    const headers = (await page.goto(server.url))!.headers()
    expect(headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${lk.port}`)
    await visible(page.getByText('走进车间：缝纫、采茶、鞋灯一起招'))

    await page.goto(`${server.url}/watch/${s.streamId}`)
    await expect.poll(() => lk.upgrades.length, { timeout: 15_000 }).toBeGreaterThan(0) // the WebSocket was allowed
    await visible(page.getByText('视频连接不上，正在重试…'), 15_000)
    expect(await violations()).toEqual([])
    await page.close()

    const console_ = await desk.ctx.newPage()
    const consoleViolations = await watchViolations(console_)
    await console_.goto(`${server.url}/studio/live/${s.streamId}`)
    await visible(console_.getByRole('button', { name: '结束直播' }))
    await console_.getByRole('button', { name: '用浏览器直播' }).click()
    await console_.getByRole('button', { name: '打开摄像头' }).click()
    await visible(console_.locator('video'))
    expect(await consoleViolations()).toEqual([])

    // The report brings uPlot and its own stylesheet as files: both must apply.
    await console_.goto(`${server.url}/studio/report/${s.streamId}`)
    await visible(console_.locator('.uplot canvas'), 15_000)
    const styled = await console_.evaluate(() => ['uplot-css', 'reports-css'].map((id) => !!(document.getElementById(id) as HTMLLinkElement | null)?.sheet))
    expect(styled).toEqual([true, true])
    expect(await consoleViolations()).toEqual([])
    // The watch is live: an inline <style> (how the dashboards added CSS before) is reported.
    await console_.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { textContent: 'body{}' })))
    await expect.poll(async () => (await consoleViolations()).join(' ')).toContain('style-src')
    await console_.close()
  })

  test('a viewer refused SSE by the per-address cap gets 429 and follows the pin by polling', async () => {
    // Hold this address's one SSE slot (the pages above have closed theirs).
    let held: ClientRequest | undefined
    const hold = () =>
      new Promise<number>((resolve) => {
        held?.destroy()
        held = httpRequest(`${server.url}/api/streams/${s.streamId}/live/events`, { agent: false }, (res) => resolve(res.statusCode!))
        held.on('error', () => resolve(0))
        held.end()
      })
    await expect.poll(hold, { timeout: 10_000 }).toBe(200)
    try {
      const page = await phone.ctx.newPage()
      const sse: number[] = []
      const polls: number[] = []
      page.on('response', (r) => {
        const path = new URL(r.url()).pathname
        if (path === `/api/streams/${s.streamId}/live/events`) sse.push(r.status())
        if (path === `/api/streams/${s.streamId}/live`) polls.push(r.status())
      })
      await page.goto(`${server.url}/watch/${s.streamId}`)
      await expect.poll(() => sse, { timeout: 10_000 }).toContain(429)
      await expect.poll(() => polls.length, { timeout: 10_000 }).toBeGreaterThan(0)

      const job = s.jobs.find((j) => j.title === '采茶工')!
      expect((await desk.ctx.request.post(`${server.url}/api/streams/${s.streamId}/pin`, { data: { jobId: job.id } })).status()).toBe(200)
      await containsText(page.getByRole('region', { name: '正在讲解' }), '采茶工')
      expect(sse.every((status) => status === 429)).toBe(true) // the update came by polling
      await page.close()
    } finally {
      held?.destroy()
    }
  })
})
