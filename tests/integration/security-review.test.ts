import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { inHours, startTestApp, type TestApp } from '../helpers/app.ts'
import { startServer } from '../helpers/server.ts'
import { keys } from '../../server/store/keys.ts'
import { createLogger } from '../../server/observability/logger.ts'
import { errorForLog, maskPersonalText } from '../../server/lib/pii.ts'

// Review of the public endpoints added for receipts, 大屏 links, 预约直播 and link previews:
// each is limited per address, links are built from PUBLIC_URL (never the Host header), secrets
// stay out of logs, and a flood of preview pages cannot become Redis load.

const PUBLIC = 'https://zb.example.cn'
let t: TestApp
let streamId: string
const FROM = (ip: string) => ({ 'x-forwarded-for': ip })

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: PUBLIC, TRUST_PROXY: 'x-forwarded-for', RESERVE_RATE_LIMIT_IP: '5' })
  const owner = await t.recruiter()
  ;({ streamId } = await t.streamWithJob(owner))
})
afterAll(() => t.stop())

describe('public token and calendar endpoints are limited per address', () => {
  it('DELETE /api/reservations/:id?token= (guessing tokens): 429 past the limit, another address unaffected', async () => {
    const made = await t.call('POST', `/api/streams/${streamId}/reservations`, { body: { phone: '13912340001', consent: true }, headers: FROM('198.51.100.1') })
    expect(made.status).toBe(201)
    const id = made.json.reservation.id
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await t.call('DELETE', `/api/reservations/${id}?token=guess${i}AAAAAAAA`, { headers: FROM('198.51.100.2') })).status)
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404])
    expect(statuses[5]).toBe(429)
    expect((await t.call('DELETE', `/api/reservations/${id}?token=guessAAAAAAAA`, { headers: FROM('198.51.100.3') })).status).toBe(404)
  })

  it('GET /api/streams/:id/calendar.ics: 429 past 120 a minute from one address', async () => {
    let last = 0
    for (let i = 0; i < 121; i++) last = (await t.call('GET', `/api/streams/${streamId}/calendar.ics`, { headers: FROM('198.51.100.4') })).status
    expect(last).toBe(429)
    expect((await t.call('GET', `/api/streams/${streamId}/calendar.ics`, { headers: FROM('198.51.100.5') })).status).toBe(200)
  })
})

describe('links in answers come from PUBLIC_URL, never the Host header', () => {
  it('the calendar’s watch link', async () => {
    const res = await t.call('GET', `/api/streams/${streamId}/calendar.ics`, { headers: { host: 'evil.example', ...FROM('198.51.100.6') } })
    const text = res.text.replace(/\r?\n[ \t]/g, '')
    expect(text).toContain(`${PUBLIC}/watch/${streamId}`)
    expect(text).not.toContain('evil.example')
  })

  it('a new 大屏 link’s url', async () => {
    const org = await t.organizer()
    const fair = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '春风行动', startsAt: inHours(1), endsAt: inHours(5) } })).json.fair
    const res = await t.call('POST', `/api/fairs/${fair.id}/screen-links`, { cookie: org, body: { label: '大厅' }, headers: { host: 'evil.example' } })
    expect(res.status).toBe(201)
    expect(res.json.url).toBe(`${PUBLIC}/screen/s/${res.json.token}`)
  })
})

describe('the new mutations refuse another site (Origin), token ones included', () => {
  it('PATCH /api/company, POST/DELETE 大屏 links, reserve and unsubscribe: 403, nothing changed', async () => {
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', ...FROM('198.51.100.20') }
    const owner = await t.recruiter()
    const org = await t.organizer()
    const fair = (await t.call('POST', '/api/fairs', { cookie: org, body: { title: '跨站', startsAt: inHours(1), endsAt: inHours(5) } })).json.fair
    const link = (await t.call('POST', `/api/fairs/${fair.id}/screen-links`, { cookie: org, body: {} })).json
    const made = (await t.call('POST', `/api/streams/${streamId}/reservations`, { body: { phone: '13912340020', consent: true }, headers: FROM('198.51.100.21') })).json.reservation
    const token = await t.redis.hget(keys.reservation(made.id), 'token')
    const refused = [
      await t.call('PATCH', '/api/company', { cookie: owner.cookie, body: { hiringPhone: '0394-8123456' }, headers: evil }),
      await t.call('POST', `/api/fairs/${fair.id}/screen-links`, { cookie: org, body: {}, headers: evil }),
      await t.call('DELETE', `/api/screen-links/${link.id}`, { cookie: org, headers: evil }),
      await t.call('POST', `/api/streams/${streamId}/reservations`, { body: { phone: '13912340021', consent: true }, headers: evil }),
      await t.call('DELETE', `/api/reservations/${made.id}?token=${token}`, { headers: evil }),
    ]
    for (const res of refused) expect([res.status, res.json.error.code]).toEqual([403, 'FORBIDDEN'])
    expect((await t.call('GET', '/api/company', { cookie: owner.cookie })).json.company.hiringPhone ?? null).toBeNull()
    expect((await t.call('GET', `/api/fairs/${fair.id}/screen-links`, { cookie: org })).json.items).toHaveLength(1)
    expect((await t.call('GET', `/api/screen/${link.token}/stats`)).status).toBe(200)
    expect(await t.redis.hget(keys.streamReservations(streamId), '13912340021')).toBeNull()
    expect(await t.redis.hget(keys.reservation(made.id), 'unsubscribedAt')).toBeNull()
    // the /r/ page's own unsubscribe (same origin) goes through
    const same = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin', host: 'localhost', ...FROM('198.51.100.22') }
    expect((await t.call('DELETE', `/api/reservations/${made.id}?token=${token}`, { headers: same })).status).toBe(204)
  })
})

describe('logs', () => {
  it('redact receipts and tokens wherever a field carries one', () => {
    const out: string[] = []
    const logger = createLogger('info', { write: (s: string) => void out.push(s) })
    logger.info({ receipt: 'rcpt-secret-1', application: { receipt: 'rcpt-secret-2' }, link: { token: 'tok-secret-3' }, token: 'tok-secret-4' }, 'status asked')
    for (const secret of ['rcpt-secret-1', 'rcpt-secret-2', 'tok-secret-3', 'tok-secret-4']) expect(out.join('')).not.toContain(secret)
  })

  it('mask a phone written with the country code, as the SMS providers take it (a provider’s refusal in a worker’s failure line)', () => {
    const line = errorForLog(new Error('Tencent SMS refused: InvalidPhone +8613812345678, 008613912345678, 8613712345678'))
    expect(line).toMatch(/^Error: Tencent SMS refused: InvalidPhone \+86138\*\*\*\*5678, 0086139\*\*\*\*5678, 86137\*\*\*\*5678/)
    expect(maskPersonalText('order 4513812345678')).toBe('order 4513812345678') // a longer number is not a phone
  })
})

describe('link previews on the Node platform', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let redis: Redis
  let monitor: Redis
  const reads: string[] = [] // keys read by GET while a test floods
  const STREAM = 'PREVIEWSTREAM0000000000001'
  const page = (path: string, ip: string, host?: string) => fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'identity', ...FROM(ip), ...(host ? { host } : {}) } })
  /** Every command sent before now has reached the monitor: it reports in execution order. */
  let markers = 0
  const settled = async () => {
    const marker = `monitor-marker-${++markers}`
    await redis.get(marker)
    await expect.poll(() => reads.includes(marker)).toBe(true)
  }
  const ogOf = (html: string, prop: string) => html.match(new RegExp(`<meta property="og:${prop}" content="([^"]*)"`))?.[1]

  beforeAll(async () => {
    server = await startServer({ env: { PUBLIC_URL: PUBLIC, TRUST_PROXY: 'x-forwarded-for', IN_PROCESS_WORKERS: '0' } })
    redis = new Redis(server.redisUrl)
    // Stored as an older record might be: a lone surrogate, markup, and an emoji where the title is cut.
    const title = `${'招'.repeat(40)}"><script>alert(1)</script>\ud800${'😀'.repeat(20)}`
    await redis.set(keys.stream(STREAM), JSON.stringify({ id: STREAM, title, companyId: 'NO-COMPANY', jobIds: [], status: 'scheduled', scheduledAt: inHours(2) }))
    monitor = await redis.monitor()
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'get') reads.push(args[1]!)
    })
  })
  afterAll(async () => {
    monitor?.disconnect()
    redis?.disconnect()
    await server?.stop()
  })

  it('escapes markup, carries no broken character, and takes og:url from PUBLIC_URL', async () => {
    const res = await page(`/watch/${STREAM}?src=poster`, '203.0.113.1', 'evil.example')
    expect(res.status).toBe(200)
    const html = await res.text()
    const title = html.match(/<title>([^<]*)<\/title>/)![1]!
    expect(title).toContain('&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(html).not.toContain('<script>alert')
    // the lone surrogate became U+FFFD once; the cut falls between whole emoji, never in one
    expect(title.match(/\ufffd/g)).toHaveLength(1)
    expect(title).toMatch(/\ufffd😀+…$/u)
    expect(ogOf(html, 'url')).toBe(`${PUBLIC}/watch/${STREAM}?src=poster`)
    expect(html).not.toContain('evil.example')
  })

  it('a flood of one page reads its stream once, not once per request', async () => {
    reads.length = 0
    const answers = await Promise.all(Array.from({ length: 50 }, () => page(`/watch/${STREAM}`, '203.0.113.2').then((r) => r.text())))
    for (const html of answers) expect(ogOf(html, 'url')).toBe(`${PUBLIC}/watch/${STREAM}`)
    await settled()
    expect(reads.filter((k) => k === keys.stream(STREAM)).length).toBeLessThanOrEqual(1)
  })

  it('one address asking for many unknown ids reaches Redis a bounded number of times; the pages still load', async () => {
    reads.length = 0
    const ids = Array.from({ length: 150 }, (_, i) => `NOSUCH${String(i).padStart(4, '0')}`)
    for (const id of ids) expect((await page(`/watch/${id}`, '203.0.113.3')).status).toBe(200)
    await settled()
    const looked = reads.filter((k) => k.includes('NOSUCH')).length
    expect(looked).toBeGreaterThan(0)
    expect(looked).toBeLessThanOrEqual(120) // 60 a minute; the run may cross one minute's end
    // another address is served its previews meanwhile
    expect(ogOf(await (await page(`/watch/${STREAM}`, '203.0.113.4')).text(), 'url')).toBe(`${PUBLIC}/watch/${STREAM}`)
  })

  it('an id that cannot be one is not looked up', async () => {
    reads.length = 0
    const long = 'X'.repeat(200)
    expect((await page(`/watch/${long}`, '203.0.113.5')).status).toBe(200)
    await settled()
    expect(reads.some((k) => k.includes(long))).toBe(false)
  })
})
