// Shared by the browser tests: a fresh web build, Chromium contexts, waits, and API seeding.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { chromium, request, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Locator } from 'playwright-core'
import { build } from 'vite'
import { startServer, TEST_ORGANIZER } from '../helpers/server.ts'
import { CHROMIUM } from './browser.ts'

export const SHOTS = 'tests/e2e/screenshots'

/** Newest source file under web/ (dist excluded). */
const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    if (e.name === 'dist') return max
    const p = join(dir, e.name)
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }, 0)

const LOCK = join(tmpdir(), `zb-web-build-${Buffer.from(process.cwd()).toString('hex').slice(-24)}.lock`)
// The build's own config counts too (vite.config.ts, its precompress plugin, and how this file builds).
const sources = () => Math.max(newest('web'), ...['vite.config.ts', 'scripts/precompress.ts', 'tests/e2e/support.ts'].map((f) => statSync(f).mtimeMs))
const stale = () => !existsSync('web/dist/index.html') || statSync('web/dist/index.html').mtimeMs < sources()

/**
 * Builds web/dist when it is missing or older than the sources. Test files run in parallel:
 * one builds at a time (a build empties dist/), the others wait and find it fresh.
 */
export async function ensureWebBuild() {
  if (!stale()) return
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  try {
    if (stale()) {
      // What phones get (`npm run build`): vitest's NODE_ENV=test would bundle Solid's dev build,
      // about 0.9 KB more on the wire than production, and the 50 KB check would measure that.
      const env = process.env.NODE_ENV
      process.env.NODE_ENV = 'production'
      try {
        await build({ logLevel: 'warn' })
      } finally {
        process.env.NODE_ENV = env
      }
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

export type Launched = { ctx: BrowserContext; close(): Promise<void> }

/** A Chromium context with its own throwaway profile (zh-CN, China time). */
export async function launch(opts: { phone?: boolean; fakeMedia?: boolean } = {}): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'zb-e2e-'))
  const ctx = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    args: [...CHROMIUM.args, ...(opts.fakeMedia ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [])],
    viewport: opts.phone ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    ...(opts.phone ? { isMobile: true, hasTouch: true } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  ctx.setDefaultTimeout(10_000)
  return {
    ctx,
    async close() {
      await ctx.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

// playwright-core has no web-first assertions: wait on the locator, then assert.
export const visible = (l: Locator, timeout?: number) => l.first().waitFor({ state: 'visible', timeout })
export const gone = (l: Locator) => l.first().waitFor({ state: 'detached' })
export const containsText = (l: Locator, text: string, timeout = 10_000) => expect.poll(async () => (await l.first().textContent()) ?? '', { timeout }).toContain(text)

async function ok<T>(res: { ok(): boolean; status(): number; text(): Promise<string>; json(): Promise<T> }, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`)
  return res.json()
}

export type Seeded = { streamId: string; jobs: { id: string; title: string }[]; company: string }

/**
 * Through the API: a recruiter registers, the organizer approves, and the recruiter (signed in
 * on `api`, e.g. a browser context's request) posts jobs and schedules a stream with them.
 */
export async function seedStream(baseURL: string, api: APIRequestContext, who: { email: string; company: string }): Promise<Seeded> {
  const password = 'recruit-pass-1'
  await ok(await api.post(`${baseURL}/api/auth/register`, { data: { email: who.email, password, name: '王经理', companyName: who.company } }), 'register')
  const organizer: APIRequestContext = await request.newContext({ baseURL })
  try {
    await ok(await organizer.post('/api/auth/login', { data: TEST_ORGANIZER }), 'organizer login')
    const pending = await ok<{ items: { id: string; email: string }[] }>(await organizer.get('/api/admin/recruiters?status=pending'), 'pending')
    const user = pending.items.find((u) => u.email === who.email)!
    await ok(await organizer.post(`/api/admin/recruiters/${user.id}/approve`), 'approve')
  } finally {
    await organizer.dispose()
  }
  await ok(await api.post(`${baseURL}/api/auth/login`, { data: { email: who.email, password } }), 'login')
  const specs = [
    { title: '缝纫工', pay: { min: 4500, max: 6500, unit: 'month' }, headcount: 3, location: { town: '商水县平店乡' }, tags: ['包吃住', '五险一金'] },
    { title: '采茶工', pay: { min: 220, max: 220, unit: 'day' }, headcount: 200, location: { town: '建阳区麻沙镇' }, tags: ['日结', '计件'] },
    { title: '鞋灯组装', pay: { min: 1.2, max: 1.2, unit: 'piece' }, headcount: 20, location: { town: '成安县成安镇' }, tags: ['家门口就业'] },
  ]
  const jobs: Seeded['jobs'] = []
  for (const spec of specs) {
    const { job } = await ok<{ job: { id: string; title: string } }>(await api.post(`${baseURL}/api/jobs`, { data: spec }), 'job')
    jobs.push({ id: job.id, title: job.title })
  }
  const scheduledAt = new Date(Date.now() + 3600_000).toISOString()
  const { stream } = await ok<{ stream: { id: string } }>(
    await api.post(`${baseURL}/api/streams`, { data: { title: '走进车间：缝纫、采茶、鞋灯一起招', scheduledAt, jobIds: jobs.map((j) => j.id) } }),
    'stream',
  )
  return { streamId: stream.id, jobs, company: who.company }
}

export type LiveRoom = {
  server: Awaited<ReturnType<typeof startServer>>
  /** The recruiter's desktop browser, signed in. */
  desk: Launched
  s: Seeded
  /** A fresh 360×740 phone (a new context of a plain Chromium: no profile, nothing cached). */
  phone(opts?: BrowserContextOptions): Promise<BrowserContext>
  close(): Promise<void>
}

/**
 * A room as viewers find it: a fresh web build, the platform, a recruiter's seeded stream (three
 * jobs), started, and phones to open it with. Whatever did start is stopped again if a step fails.
 */
export async function liveRoom(who: { email: string; company: string }): Promise<LiveRoom> {
  await ensureWebBuild()
  const server = await startServer()
  let desk: Launched | undefined
  let browser: Browser | undefined
  const close = async () => {
    await browser?.close()
    await desk?.close()
    await server.stop()
  }
  try {
    ;[desk, browser] = await Promise.all([launch(), chromium.launch(CHROMIUM)])
    const s = await seedStream(server.url, desk.ctx.request, who)
    expect((await desk.ctx.request.post(`${server.url}/api/streams/${s.streamId}/start`)).status()).toBe(200)
    const phones = browser
    const phone = (opts: BrowserContextOptions = {}) =>
      phones.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...opts })
    return { server, desk, s, phone, close }
  } catch (e) {
    await close()
    throw e
  }
}

/** Visible text smaller than 16 px and buttons / links-as-buttons lower than 44 px on the page. */
export function smallThings(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const out: string[] = []
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
    }
    for (const el of document.querySelectorAll('body *')) {
      if (!shown(el)) continue
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())
      if (own && parseFloat(getComputedStyle(el).fontSize) < 16) out.push(`text ${el.tagName} "${el.textContent!.trim().slice(0, 20)}" ${getComputedStyle(el).fontSize}`)
      if ((el.matches('button, a.button, input, select') || el.matches('a.icon-button')) && el.getBoundingClientRect().height < 44 && !el.matches('input[type=checkbox]'))
        out.push(`target ${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(el.getBoundingClientRect().height)}px`)
    }
    return out
  })
}
