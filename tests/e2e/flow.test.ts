import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { startServer, TEST_ORGANIZER } from '../helpers/server.ts'
import { CHROMIUM } from './browser.ts'
import { ensureWebBuild } from './support.ts'

const SHOTS = 'tests/e2e/screenshots'
const recruiter = { email: 'hr-e2e@test.local', password: 'recruit-pass-1', name: '王经理', company: '平店乡测试服饰有限公司' }

/** `days` from today at `time` local time, as a datetime-local value. */
function dayAt(days: number, time: string) {
  const d = new Date(Date.now() + days * 86400_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}`
}
const tomorrowMorning = () => dayAt(1, '09:30')

// playwright-core has no web-first assertions: wait on the locator, then assert.
const visible = (l: Locator) => l.first().waitFor({ state: 'visible' })
const gone = (l: Locator) => l.first().waitFor({ state: 'detached' })
const containsText = (l: Locator, text: string) => expect.poll(async () => (await l.first().textContent()) ?? '', { timeout: 10_000 }).toContain(text)

let server: Awaited<ReturnType<typeof startServer>>
let ctx: BrowserContext
let page: Page
let profile: string

beforeAll(async () => {
  await ensureWebBuild()
  mkdirSync(SHOTS, { recursive: true })
  server = await startServer()
  profile = mkdtempSync(join(tmpdir(), 'zb-e2e-'))
  ctx = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  ctx.setDefaultTimeout(10_000)
  page = ctx.pages()[0] ?? (await ctx.newPage())
}, 120_000)

afterAll(async () => {
  await ctx?.close()
  await server?.stop()
  if (profile) rmSync(profile, { recursive: true, force: true })
})

async function signIn(email: string, password: string, landing: string) {
  await page.goto(`${server.url}/login`)
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(`**${landing}`)
}

async function signOut() {
  await page.getByRole('button', { name: '退出' }).click()
  await visible(page.getByRole('link', { name: '登录' }))
}

describe('recruiter → organizer → job → stream → home', () => {
  test('register, wait for approval, get approved', async () => {
    await page.goto(`${server.url}/register`)
    // Client-side checks first: nothing is sent while the form is wrong.
    await page.getByLabel('密码').fill('short')
    await page.getByRole('button', { name: '提交注册' }).click()
    await visible(page.getByText('密码至少 8 位'))
    await visible(page.getByText('请输入正确的邮箱地址'))

    await page.getByLabel('企业名称').fill(recruiter.company)
    await page.getByLabel('联系人姓名').fill(recruiter.name)
    await page.getByLabel('邮箱').fill(TEST_ORGANIZER.email)
    await page.getByLabel('密码').fill(recruiter.password)
    // The server's EMAIL_TAKEN lands next to the email field, in Chinese.
    await page.getByRole('button', { name: '提交注册' }).click()
    await visible(page.getByText('这个邮箱已经注册过了'))
    await page.getByLabel('邮箱').fill(recruiter.email)
    await page.getByRole('button', { name: '提交注册' }).click()
    await visible(page.getByRole('heading', { name: '等待审核' }))

    // Pending: the studio explains why nothing can be posted yet.
    await page.getByRole('link', { name: '进入工作台' }).click()
    await visible(page.getByText('您的企业账号正在等待审核'))
    expect(await page.getByRole('button', { name: '发布新岗位' }).isDisabled()).toBe(true)
    await signOut()

    await signIn(TEST_ORGANIZER.email, TEST_ORGANIZER.password, '/admin')
    const card = page.locator('article', { hasText: recruiter.company })
    await visible(card)
    await card.getByRole('button', { name: '通过' }).click()
    await gone(card)
    await page.getByRole('button', { name: '已通过' }).click()
    await visible(page.locator('article', { hasText: recruiter.company }))
    await signOut()
  })

  test('post a job and schedule a stream', async () => {
    await signIn(recruiter.email, recruiter.password, '/studio')
    await gone(page.getByText('您的企业账号正在等待审核'))

    await page.getByRole('button', { name: '发布新岗位' }).click()
    await page.getByLabel('岗位名称').fill('缝纫工')
    await page.getByLabel('工资 · 最低').fill('6500')
    await page.getByLabel('工资 · 最高').fill('4500')
    await page.getByRole('button', { name: '发布岗位' }).click()
    await visible(page.getByText('最低工资不能高于最高工资'))
    await visible(page.getByText('招聘人数'))

    await page.getByLabel('工资 · 最低').fill('4500')
    await page.getByLabel('工资 · 最高').fill('6500')
    await page.getByLabel('招聘人数').fill('30')
    // The workplace is picked from the gazetteer: county, then town.
    await page.getByLabel('工作地点 · 县（区）').selectOption({ label: '商水县（周口市）' })
    await page.getByLabel('工作地点 · 乡镇 / 街道').selectOption({ label: '平店乡' })
    await page.getByRole('button', { name: '包吃住' }).click()
    await page.getByRole('button', { name: '五险一金' }).click()
    await page.getByRole('button', { name: '发布岗位' }).click()
    const job = page.locator('article', { hasText: '缝纫工' })
    await containsText(job, '¥4500–6500/月')
    await containsText(job, '包吃住')
    await job.getByRole('button', { name: '编辑' }).click()
    await page.getByLabel('招聘人数').fill('35')
    await page.getByRole('button', { name: '保存' }).click()
    await containsText(page.locator('article', { hasText: '缝纫工' }), '招 35 人')

    await page.getByRole('button', { name: '直播' }).click()
    await page.getByRole('button', { name: '预约直播' }).click()
    await page.getByLabel('直播标题').fill('走进测试服饰：缝纫车间实景')
    await page.getByLabel('开播时间').fill(tomorrowMorning())
    await page.getByRole('checkbox', { name: /缝纫工/ }).check()
    await page.locator('form').getByRole('button', { name: '预约直播' }).click()
    const stream = page.locator('article', { hasText: '走进测试服饰' })
    await containsText(stream, '未开始')
    await containsText(stream, '09:30')
    await signOut()
  })

  test('the stream shows on the home page and its watch page', async () => {
    await page.goto(server.url)
    const upcoming = page.getByRole('region', { name: '即将开播' })
    const card = upcoming.getByRole('link', { name: /走进测试服饰/ })
    await containsText(card, recruiter.company)
    await containsText(card, '1 个岗位')
    await containsText(card, '09:30')
    await visible(page.getByText('现在没有正在进行的直播。'))
    await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true })

    await page.setViewportSize({ width: 360, height: 740 })
    await page.reload()
    await visible(card)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBe(0)
    await page.screenshot({ path: `${SHOTS}/home-360.png`, fullPage: true })

    await card.click()
    await page.waitForURL('**/watch/**')
    await visible(page.getByRole('heading', { name: '走进测试服饰：缝纫车间实景' }))
    await visible(page.getByText('直播还没开始'))
    // On a phone the jobs are in the 「全部岗位」 drawer.
    await page.getByRole('button', { name: '全部岗位 · 1 个' }).click()
    const drawer = page.getByRole('complementary', { name: '全部岗位' })
    await containsText(drawer.locator('article', { hasText: '缝纫工' }), '¥4500–6500/月')
    await containsText(drawer.locator('article', { hasText: '缝纫工' }), '剩 35 个名额')
    await page.screenshot({ path: `${SHOTS}/watch-360.png`, fullPage: true })

    await drawer.getByRole('button', { name: '关闭' }).click()

    // English switch, remembered across reloads.
    await page.getByRole('button', { name: 'English' }).click()
    await visible(page.getByRole('button', { name: 'All jobs · 1' }))
    await page.reload()
    await visible(page.getByText('The stream has not started yet'))
    await containsText(page.locator('article', { hasText: '缝纫工' }), '¥4500–6500/month')
    await page.getByRole('button', { name: '中文' }).click()
    await visible(page.getByText('直播还没开始'))
  })

  test('edit the stream, go live, end it', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    await signIn(recruiter.email, recruiter.password, '/studio')
    await page.getByRole('button', { name: '直播' }).click()
    const row = page.locator('article', { hasText: '走进测试服饰' })
    await row.getByRole('button', { name: '编辑' }).click()
    await page.getByLabel('直播标题').fill('走进测试服饰：车间与宿舍')
    await page.getByRole('button', { name: '保存' }).click()
    const edited = page.locator('article', { hasText: '车间与宿舍' })
    await visible(edited)

    await edited.getByRole('button', { name: '开始直播' }).click()
    await containsText(edited, '直播中')
    await page.goto(server.url)
    await visible(page.getByRole('region', { name: '正在直播' }).getByRole('link', { name: /车间与宿舍/ }))

    await page.goto(`${server.url}/studio?tab=streams`)
    page.once('dialog', (d) => void d.accept())
    await page.locator('article', { hasText: '车间与宿舍' }).getByRole('button', { name: '结束直播' }).click()
    await containsText(page.locator('article', { hasText: '车间与宿舍' }), '已结束')
    await signOut()
  })
})

describe('organizer: fairs and village stations', () => {
  const fair = '2026 春风行动 · 测试专场'
  const station = { name: '平店乡测试服务站', town: '商水县平店乡', email: 'station-e2e@test.local' }

  test('a new station account shows in the list right away', async () => {
    await signIn(TEST_ORGANIZER.email, TEST_ORGANIZER.password, '/admin')
    await page.getByRole('button', { name: '服务站账号' }).click()
    await visible(page.getByText('还没有服务站账号。'))
    await page.getByLabel('服务站 / 工作人员姓名').fill(station.name)
    await page.getByLabel('所在乡镇 · 县（区）').selectOption({ label: '商水县（周口市）' })
    await page.getByLabel('所在乡镇 · 乡镇 / 街道').selectOption({ label: '平店乡' })
    await page.getByLabel('邮箱').fill(station.email)
    await page.getByLabel('密码').fill('station-pass-1')
    await page.getByRole('button', { name: '创建账号' }).click()
    await visible(page.getByText(`已创建服务站账号：${station.name}`))
    const card = page.locator('article', { hasText: station.name })
    await containsText(card, station.town)
    await containsText(card, station.email)
    await gone(page.getByText('还没有服务站账号。'))
  })

  test('a stream in a fair links to the fair by its title', async () => {
    await page.getByRole('button', { name: '招聘会' }).click()
    await page.getByRole('button', { name: '新建招聘会' }).click()
    await page.getByLabel('招聘会名称').fill(fair)
    await page.getByLabel('开始时间').fill(dayAt(1, '08:00'))
    await page.getByLabel('结束时间').fill(dayAt(2, '18:00'))
    await page.getByRole('button', { name: '创建招聘会' }).click()
    await visible(page.getByRole('link', { name: fair }))
    await signOut()

    await signIn(recruiter.email, recruiter.password, '/studio')
    await page.getByRole('button', { name: '直播' }).click()
    await page.getByRole('button', { name: '预约直播' }).click()
    await page.getByLabel('直播标题').fill('春风行动专场：缝纫工')
    await page.getByLabel('开播时间').fill(dayAt(1, '10:00'))
    await page.getByRole('checkbox', { name: /缝纫工/ }).check()
    await page.getByLabel('所属招聘会（选填）').selectOption({ label: fair })
    await page.locator('form').getByRole('button', { name: '预约直播' }).click()
    await page.locator('article', { hasText: '春风行动专场' }).getByRole('link', { name: '查看直播页' }).click()
    await page.waitForURL('**/watch/**')
    await containsText(page.locator('.stream-head'), `所属招聘会：${fair}`)
    await page.getByRole('link', { name: fair }).click()
    await page.waitForURL('**/fairs/**')
    await visible(page.getByRole('heading', { name: fair }))
    await visible(page.getByRole('link', { name: /春风行动专场：缝纫工/ }))
  })

  test('a watch page for a stream that does not exist says so, with a way home', async () => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}/watch/NO-SUCH-STREAM`)
    await visible(page.getByText('找不到这场直播，可能已被删除。'))
    await page.getByRole('link', { name: '返回首页' }).click()
    await page.waitForURL(`${server.url}/`)
    expect(errors).toEqual([])
  })

  test('the live console for a stream that does not exist says so', async () => {
    await signIn(recruiter.email, recruiter.password, '/studio')
    await page.goto(`${server.url}/studio/live/NO-SUCH-STREAM`)
    await visible(page.getByText('找不到这场直播。'))
    await signOut()
  })
})
