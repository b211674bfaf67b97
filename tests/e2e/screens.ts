// Visual check, not a test: `npx tsx tests/e2e/screens.ts` starts the platform with demo
// data and saves every page at 360 px and 1280 px to tests/e2e/screenshots/pages/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { startServer, TEST_ORGANIZER } from '../helpers/server.ts'
import { DEMO_PASSWORD } from '../../server/demo/data.ts'
import { CHROMIUM } from './browser.ts'

const out = 'tests/e2e/screenshots/pages'
mkdirSync(out, { recursive: true })
if (!process.argv.includes('--no-build')) await build({ logLevel: 'warn' })
const server = await startServer({ env: { DEMO: '1' } })
const profile = mkdtempSync(join(tmpdir(), 'zb-shots-'))
const ctx = await chromium.launchPersistentContext(profile, { ...CHROMIUM, viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
const page = ctx.pages()[0] ?? (await ctx.newPage())
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7)

async function login(email: string, password: string) {
  await page.request.post(`${server.url}/api/auth/logout`)
  const res = await page.request.post(`${server.url}/api/auth/login`, { data: { email, password } })
  if (!res.ok()) throw new Error(`login ${email}: ${res.status()}`)
}
/** localStorage needs a page of our origin, also when --only skipped every shot before. */
async function setLang(lang: 'zh' | 'en') {
  if (!page.url().startsWith(server.url)) await page.goto(server.url)
  await page.evaluate((l) => localStorage.setItem('zb.lang', l), lang)
}
async function shoot(name: string, path: string, prepare?: (p: Page) => Promise<void>) {
  if (only && !name.includes(only)) return
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 })
    await page.goto(server.url + path)
    await page.waitForLoadState('networkidle')
    if (prepare) await prepare(page)
    await page.waitForTimeout(150)
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    if (scroll > 0) console.warn(`!! ${name} @${width}: horizontal scroll ${scroll}px`)
    await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true })
    // Tall phone pages are also cut into screen-sized parts, easier to look at.
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    if (width === 360 && height > 1100)
      for (let y = 0, i = 1; y < height; y += 740, i++)
        await page.screenshot({ path: `${out}/${name}-${width}-part${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(740, height - y) } })
  }
}

try {
  const streams = await (await page.request.get(`${server.url}/api/streams?limit=50`)).json()
  const live = streams.items.find((s: { status: string }) => s.status === 'live') ?? streams.items[0]
  await shoot('home', '/')
  await shoot('watch', `/watch/${live.id}`)
  await shoot('watch-missing', '/watch/nope')
  if (live.fairId) await shoot('fair', `/fairs/${live.fairId}`)
  await shoot('login', '/login')
  await shoot('login-errors', '/login', async (p) => {
    await p.fill('#f-email', 'not-an-email')
    await p.click('button[type=submit]')
  })
  await shoot('register', '/register')
  await setLang('en')
  await shoot('en-home', '/')
  await shoot('en-watch', `/watch/${live.id}`)
  await setLang('zh')

  await login('hr-fuzhuang@demo.local', DEMO_PASSWORD)
  await shoot('studio-jobs', '/studio')
  await shoot('studio-job-form', '/studio', async (p) => {
    await p.getByRole('button', { name: '发布新岗位' }).click()
    await p.getByRole('button', { name: '包吃住' }).click()
    await p.fill('#f-payMin', '6000')
    await p.fill('#f-payMax', '5000')
    await p.getByRole('button', { name: '发布岗位' }).click()
  })
  await shoot('studio-streams', '/studio?tab=streams')
  await shoot('studio-live', `/studio/live/${live.id}`)
  // The live room with a pinned card and the apply sheet open (the demo recruiter pins).
  const detail = await (await page.request.get(`${server.url}/api/streams/${live.id}`)).json()
  await page.request.post(`${server.url}/api/streams/${live.id}/pin`, { data: { jobId: detail.jobs[0].id } })
  await shoot('watch-pinned', `/watch/${live.id}`, async (p) => {
    await p.getByRole('region', { name: '正在讲解' }).waitFor()
  })
  await shoot('watch-apply', `/watch/${live.id}`, async (p) => {
    await p.getByRole('region', { name: '正在讲解' }).getByRole('button', { name: '立即报名' }).click()
    await p.getByRole('dialog').getByRole('button', { name: '提交报名' }).click()
  })
  await shoot('watch-drawer', `/watch/${live.id}`, async (p) => {
    if (await p.getByRole('button', { name: /全部岗位/ }).isVisible()) await p.getByRole('button', { name: /全部岗位/ }).click()
  })
  await setLang('en')
  await shoot('en-watch-apply', `/watch/${live.id}`, async (p) => {
    await p.getByRole('region', { name: 'On screen now' }).getByRole('button', { name: 'Apply now' }).click()
    await p.getByRole('dialog').getByRole('button', { name: 'Send application' }).click()
  })
  await shoot('en-studio-live', `/studio/live/${live.id}`)
  await setLang('zh')
  await shoot('studio-stream-form', '/studio?tab=streams', async (p) => {
    await p.getByRole('button', { name: '预约直播' }).first().click()
    await p.waitForSelector('input[type=checkbox]')
  })
  await login('hr-dianzi@demo.local', DEMO_PASSWORD)
  await shoot('studio-pending', '/studio')

  await login(TEST_ORGANIZER.email, TEST_ORGANIZER.password)
  await shoot('admin-recruiters', '/admin')
  await shoot('admin-approved', '/admin', async (p) => {
    await p.getByRole('button', { name: '已通过' }).click()
    await p.waitForLoadState('networkidle')
  })
  await shoot('admin-fairs', '/admin?tab=fairs', async (p) => {
    await p.getByRole('button', { name: '新建招聘会' }).click()
  })
  await shoot('admin-stations', '/admin?tab=stations')
} finally {
  await ctx.close()
  await server.stop()
  rmSync(profile, { recursive: true, force: true })
}
