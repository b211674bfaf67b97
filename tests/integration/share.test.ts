import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { Hono } from 'hono'
// @ts-expect-error pngjs (qrcode's own dependency) ships no types
import { PNG } from 'pngjs'
import jsQR from 'jsqr'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'
import { serveWeb } from '../../server/static.ts'
import { previewOf } from '../../server/share/preview.ts'

// Share links (docs/http-api.md "Sharing"): QR codes of tagged links, and link previews.

let t: TestApp
let streamId: string
let fairId: string
const TITLE = '走进车间 <缝纫工> & "采茶"'

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: 'https://zb.cn' })
  const owner = await t.recruiter()
  const jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob({ title: '缝纫工' }) })).json.job.id
  const org = await t.organizer()
  fairId = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '春风行动 2026', startsAt: inHours(1), endsAt: inHours(30) } })).json.fair.id
  streamId = (await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: TITLE, scheduledAt: inHours(2), jobIds: [jobId], fairId } })).json.stream.id
})
afterAll(() => t.stop())

/** The link a QR code PNG holds, read back as a phone's scanner would (jsqr). */
function decode(png: ArrayBuffer): string | undefined {
  const img = PNG.sync.read(Buffer.from(png))
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data
}

describe('GET /api/streams/:id/qr.png and /api/fairs/:id/qr.png', () => {
  it('answers a cacheable PNG whose code is the absolute, tagged link', async () => {
    for (const [path, link] of [
      [`/api/streams/${streamId}/qr.png?src=poster`, `https://zb.cn/watch/${streamId}?src=poster`],
      [`/api/streams/${streamId}/qr.png?src=st-01HZSTATION0000000000000A`, `https://zb.cn/watch/${streamId}?src=st-01HZSTATION0000000000000A`],
      [`/api/streams/${streamId}/qr.png`, `https://zb.cn/watch/${streamId}`],
      [`/api/fairs/${fairId}/qr.png?src=org`, `https://zb.cn/fairs/${fairId}?src=org`],
    ]) {
      const res = await t.app.request(path!)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(res.headers.get('cache-control')).toContain('public')
      expect(decode(await res.arrayBuffer())).toBe(link)
    }
  })

  it('never takes the link’s origin from the request’s Host', async () => {
    const res = await t.app.request(`/api/streams/${streamId}/qr.png?src=org`, { headers: { host: 'evil.example.com' } })
    expect(decode(await res.arrayBuffer())).toBe(`https://zb.cn/watch/${streamId}?src=org`)
  })

  it('answers 404 JSON for an unknown id and 400 for a channel of an unknown shape', async () => {
    for (const path of ['/api/streams/NO-SUCH/qr.png', '/api/fairs/NO-SUCH/qr.png']) {
      const res = await t.call('GET', path)
      expect([res.status, res.json.error.code]).toEqual([404, 'NOT_FOUND'])
    }
    for (const src of ['weixin', 'st-', `rc-${'x'.repeat(38)}`, 'org%0A']) {
      const res = await t.call('GET', `/api/streams/${streamId}/qr.png?src=${src}`)
      expect([res.status, res.json.error.code]).toEqual([400, 'VALIDATION_FAILED'])
      expect(res.json.error.details[0].rule).toBe('src.invalid')
    }
    expect((await t.call('GET', `/api/streams/${streamId}/qr.png?src=org&size=9`)).status).toBe(400)
  })

  it('is rate-limited per address (429 with Retry-After)', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' }
    const limited = await startTestApp({ TRUST_PROXY: 'x-forwarded-for' })
    try {
      const owner = await limited.recruiter()
      const { streamId: id } = await limited.streamWithJob(owner)
      let last = 0
      for (let i = 0; i < 121; i++) last = (await limited.app.request(`/api/streams/${id}/qr.png`, { headers })).status
      expect(last).toBe(429)
      const other = await limited.app.request(`/api/streams/${id}/qr.png`, { headers: { 'x-forwarded-for': '203.0.113.10' } })
      expect(other.status).toBe(200)
    } finally {
      await limited.stop()
    }
  })
})

describe('link previews: GET /watch/:id and /fairs/:id name the stream or fair', () => {
  let web: Hono
  const INDEX = '<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <meta charset="utf-8" />\n    <meta name="description" content="直播带岗：边看直播边报名" />\n    <title>直播带岗</title>\n  </head>\n  <body><div id="app"></div></body>\n</html>\n'
  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'zb-share-web-'))
    writeFileSync(join(root, 'index.html'), INDEX)
    web = new Hono()
    serveWeb(web, root, (page, id, src) => previewOf(t.redis, t.config.PUBLIC_URL, page, id, src))
  })
  const head = (html: string, re: RegExp) => html.match(re)?.[1]

  it('carries the stream’s own title, description and og: tags, escaped, with the channel in og:url', async () => {
    const res = await web.request(`/watch/${streamId}?src=poster`, { headers: { 'accept-encoding': 'identity' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('vary')).toContain('Accept-Encoding')
    const html = await res.text()
    const escaped = '走进车间 &#60;缝纫工&#62; &#38; &#34;采茶&#34;｜直播带岗'
    expect(head(html, /<title>([^<]*)<\/title>/)).toBe(escaped)
    expect(head(html, /<meta property="og:title" content="([^"]*)"/)).toBe(escaped)
    expect(html.match(/<title>/g)).toHaveLength(1)
    expect(html.match(/name="description"/g)).toHaveLength(1)
    expect(head(html, /<meta name="description" content="([^"]*)"/)).toMatch(/^测试公司\d+｜\d+月\d+日 \d\d:\d\d 开播｜缝纫工 ¥/)
    expect(head(html, /<meta property="og:description" content="([^"]*)"/)).toContain('缝纫工')
    expect(head(html, /<meta property="og:url" content="([^"]*)"/)).toBe(`https://zb.cn/watch/${streamId}?src=poster`)
    expect(head(html, /<meta property="og:image" content="([^"]*)"/)).toBe(`https://zb.cn/api/streams/${streamId}/qr.png?src=poster`)
    expect(html).not.toContain('<缝纫工>')
    expect(html).toContain('<div id="app"></div>')
  })

  it('the fair page too; a channel of an unknown shape is left out; brotli when accepted', async () => {
    const res = await web.request(`/fairs/${fairId}?src=<script>`, { headers: { 'accept-encoding': 'gzip, br' } })
    expect(res.headers.get('content-encoding')).toBe('br')
    const html = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()
    expect(head(html, /<meta property="og:title" content="([^"]*)"/)).toBe('春风行动 2026｜直播带岗')
    expect(head(html, /<meta property="og:url" content="([^"]*)"/)).toBe(`https://zb.cn/fairs/${fairId}`)
    expect(html).not.toContain('script>')
  })

  it('an unknown id gets the app’s own page', async () => {
    for (const path of ['/watch/NO-SUCH-STREAM', '/fairs/NO-SUCH-FAIR']) {
      const html = await (await web.request(path)).text()
      expect(html).toBe(INDEX)
    }
  })
})
