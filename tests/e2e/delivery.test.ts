import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { firstLoad, table, type Loaded } from './first-load.ts'
import { liveRoom, visible, type LiveRoom } from './support.ts'

// Static delivery on the Node platform (issue 11): a phone on a slow line gets the viewer's pages
// precompressed and within 50 KB, hashed files are cached for good and the HTML is revalidated,
// and the console's and dashboards' stylesheets stay with their own pages.

const BUDGET = 50_000 // bytes on the wire for a viewer's first load, headers included
const TITLE = '走进车间：缝纫、采茶、鞋灯一起招'
const CONSOLE_ONLY = '.console-grid' // a rule of web/styles/console.css
const REPORTS_ONLY = 'main.report' // a rule of web/pages/reports/reports.css
const IMMUTABLE = 'public, max-age=31536000, immutable'

const path = (r: Loaded) => new URL(r.url).pathname
const isText = (r: Loaded) => ['Document', 'Script', 'Stylesheet'].includes(r.type)

describe('delivery: precompressed, cached, and a light first load for viewers', () => {
  let room: LiveRoom
  const loads: Record<string, Awaited<ReturnType<typeof firstLoad>>> = {}

  beforeAll(async () => {
    // Live, as a viewer usually finds it: the room then holds the overlay's SSE stream open too.
    room = await liveRoom({ email: 'hr-delivery@test.local', company: '鹿邑县测试鞋业有限公司' })
    for (const page of ['/', `/watch/${room.s.streamId}`]) {
      const ctx = await room.phone() // a new context each: nothing cached
      loads[page] = await firstLoad(await ctx.newPage(), room.server.url + page, (p) => p.getByText(TITLE))
      await ctx.close()
    }
  }, 120_000)

  afterAll(() => room?.close())

  test('the viewer’s first load of / and /watch/:id is brotli-compressed and within 50 KB', () => {
    for (const [page, load] of Object.entries(loads)) {
      console.log(`first load of ${page}: ${load.bytes} B\n${table(load.responses)}`)
      const text = load.responses.filter(isText)
      expect(text.map(path)).toEqual(expect.arrayContaining([page, expect.stringMatching(/^\/assets\/.+\.js$/), expect.stringMatching(/^\/assets\/.+\.css$/)]))
      for (const r of text) expect([path(r), r.headers['content-encoding']]).toEqual([path(r), 'br'])
      expect(load.bytes, table(load.responses)).toBeLessThanOrEqual(BUDGET)
    }
  })

  test('viewers download neither the console’s nor the dashboards’ stylesheet', async () => {
    for (const load of Object.values(loads)) {
      const sheets = load.responses.filter((r) => r.type === 'Stylesheet')
      expect(sheets.length).toBeGreaterThan(0)
      for (const r of sheets) {
        const css = await (await fetch(r.url)).text()
        expect(css).toContain('.room') // the viewer's own rules are there…
        expect(css).not.toContain(CONSOLE_ONLY) // …and nobody else's
        expect(css).not.toContain(REPORTS_ONLY)
      }
    }
  })

  test('the console and the report bring the console stylesheet with them', async () => {
    const page = await room.desk.ctx.newPage()
    await page.goto(`${room.server.url}/studio/live/${room.s.streamId}`)
    await visible(page.locator(CONSOLE_ONLY))
    expect(await page.locator(CONSOLE_ONLY).evaluate((el) => getComputedStyle(el).display)).toBe('grid')
    await page.goto(`${room.server.url}/studio/report/${room.s.streamId}`)
    await visible(page.locator('main.report .back-link'))
    expect(await page.locator('main.report .back-link').evaluate((el) => getComputedStyle(el).display)).toBe('inline-flex')
    await page.close()
  })

  test('hashed files are cached for a year, the HTML and client routes are revalidated, a missing asset is 404', async () => {
    for (const load of Object.values(loads)) {
      for (const r of load.responses.filter((r) => path(r).startsWith('/assets/'))) expect([path(r), r.headers['cache-control']]).toEqual([path(r), IMMUTABLE])
      const doc = load.responses.find((r) => r.type === 'Document')!
      expect(doc.headers['cache-control']).toBe('no-cache')
      expect(doc.headers['content-security-policy']).toContain("script-src 'self'") // still dressed by the security headers
    }
    const missing = await fetch(`${room.server.url}/assets/index-00000000.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).not.toContain('text/html')
  })

  test('gzip for a client without brotli, plain for one that accepts neither: the same bytes either way', async () => {
    const assets = loads['/']!.responses.filter((r) => isText(r) && path(r) !== '/')
    for (const url of [room.server.url + '/', `${room.server.url}/watch/${room.s.streamId}`, ...assets.map((r) => r.url)]) {
      const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
      const gzip = await fetch(url, { headers: { 'accept-encoding': 'gzip, deflate' } })
      expect([url, plain.headers.get('content-encoding'), gzip.headers.get('content-encoding')]).toEqual([url, null, 'gzip'])
      expect(gzip.headers.get('vary')).toContain('Accept-Encoding')
      const [a, b] = [await plain.text(), await gzip.text()] // fetch decodes the gzip
      expect(b).toBe(a)
      expect(Number(gzip.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(a))
    }
  })

  test('API JSON over 1 KiB is gzipped, small JSON and the SSE stream go as they are', async () => {
    const watch = loads[`/watch/${room.s.streamId}`]!.responses
    const detail = watch.find((r) => path(r) === `/api/streams/${room.s.streamId}`)!
    expect(detail.headers['content-encoding']).toBe('gzip')
    const me = watch.find((r) => path(r) === '/api/me')!
    expect(me.headers['content-encoding']).toBeUndefined()
    // The overlay's events must not wait in a compressor's buffer.
    const stop = new AbortController()
    const sse = await fetch(`${room.server.url}/api/streams/${room.s.streamId}/live/events`, { headers: { 'accept-encoding': 'gzip, deflate, br' }, signal: stop.signal })
    expect(sse.headers.get('content-type')).toContain('text/event-stream')
    expect(sse.headers.get('content-encoding')).toBeNull()
    stop.abort()
  })
})
