import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { request, type APIRequestContext, type Page } from 'playwright-core'
import jsQR from 'jsqr'
import { TEST_ORGANIZER, startServer } from '../helpers/server.ts'
import { SHOTS, containsText, ensureWebBuild, gone, launch, seedStream, visible, type Launched, type Seeded } from './support.ts'

// Issues 14/15 in the browser: 我的报名 (status and a tel: link), 已报名 on the card (also after a
// reload and after the server says ALREADY_APPLIED), a station applying for villagers one after
// another, the 大屏 through a read-only link, and an ended stream still taking applications.

let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let phone: Launched
let viewer: Page
let seeded: Seeded
let org: APIRequestContext

const job = (title: string) => seeded.jobs.find((j) => j.title === title)!
const dock = (p: Page) => p.getByRole('region', { name: '正在讲解' })
const sheet = (p: Page) => p.getByRole('dialog')

async function ok<T = any>(res: { ok(): boolean; status(): number; text(): Promise<string>; json(): Promise<T> }, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`)
  return res.status() === 204 ? (undefined as T) : res.json()
}

async function applyFromDock(p: Page, name: string, tel: string) {
  await dock(p).getByRole('button', { name: '立即报名' }).click()
  await visible(sheet(p).getByRole('heading', { name: '报名：缝纫工' }))
  await sheet(p).getByLabel('姓名', { exact: true }).fill(name)
  await sheet(p).getByLabel('手机号', { exact: true }).fill(tel)
  await sheet(p).getByRole('checkbox').first().check()
  await sheet(p).getByRole('button', { name: '提交报名' }).click()
}

describe('我的报名, the station’s screen and the 大屏 link', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    mkdirSync(SHOTS, { recursive: true })
    server = await startServer()
    ;[hr, phone] = await Promise.all([launch(), launch({ phone: true })])
    viewer = phone.ctx.pages()[0] ?? (await phone.ctx.newPage())
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-mine@test.local', company: '项城市测试制衣有限公司' })
    await ok(await hr.ctx.request.patch(`${server.url}/api/company`, { data: { hiringPhone: '0394-8123456' } }), 'hiring phone')
    await ok(await hr.ctx.request.post(`${server.url}/api/streams/${seeded.streamId}/start`), 'start')
    await ok(await hr.ctx.request.post(`${server.url}/api/streams/${seeded.streamId}/pin`, { data: { jobId: job('缝纫工').id } }), 'pin')
    org = await request.newContext({ baseURL: server.url })
    await ok(await org.post('/api/auth/login', { data: TEST_ORGANIZER }), 'organizer login')
  }, 120_000)

  afterAll(async () => {
    await org?.dispose()
    await hr?.close()
    await phone?.close()
    await server?.stop()
  })

  test('after applying, the card says 已报名 and how it is going instead of 立即报名 — after a reload too', async () => {
    await viewer.goto(`${server.url}/watch/${seeded.streamId}`)
    await applyFromDock(viewer, '张桂芳', '139 0000 1111')
    await visible(sheet(viewer).getByText('报名成功，企业将电话联系您'))
    await sheet(viewer).getByRole('button', { name: '好的' }).click()
    await gone(sheet(viewer))
    await containsText(dock(viewer).locator('.applied-state'), '已报名 · 已投递')
    expect(await dock(viewer).getByRole('button', { name: '立即报名' }).count()).toBe(0)
    await viewer.reload()
    await containsText(dock(viewer).locator('.applied-state'), '已报名 · 已投递')
    expect(await dock(viewer).getByRole('button', { name: '立即报名' }).count()).toBe(0)
    await viewer.screenshot({ path: `${SHOTS}/mine-card-applied-360.png` })
  })

  test('我的报名 shows the status as the company moves it, and a 一键拨打 tel: link', async () => {
    const apps = await ok(await hr.ctx.request.get(`${server.url}/api/streams/${seeded.streamId}/applications`), 'applicants')
    const mine = apps.items.find((a: { name: string }) => a.name === '张桂芳')
    await ok(await hr.ctx.request.patch(`${server.url}/api/applications/${mine.id}`, { data: { status: 'interview' } }), 'status')

    await dock(viewer).locator('.applied-state').click() // the room links to 我的报名
    await viewer.waitForURL('**/me/applications')
    await visible(viewer.getByRole('heading', { name: '我的报名' }))
    const row = viewer.locator(`li[data-application="${mine.id}"]`)
    await containsText(row, '缝纫工')
    await containsText(row, '项城市测试制衣有限公司')
    await containsText(row.locator('.mine-status'), '约面试')
    const call = row.getByRole('link', { name: /一键拨打招聘电话 0394-8123456/ })
    expect(await call.getAttribute('href')).toBe('tel:03948123456')
    expect(await row.textContent()).not.toContain('13900001111')
    await viewer.screenshot({ path: `${SHOTS}/mine-list-360.png`, fullPage: true })

    // the header links to it from anywhere
    await viewer.goto(`${server.url}/`)
    await viewer.getByRole('link', { name: '我的报名' }).click()
    await viewer.waitForURL('**/me/applications')
    await containsText(viewer.locator(`li[data-application="${mine.id}"] .mine-status`), '约面试')

    await ok(await hr.ctx.request.patch(`${server.url}/api/applications/${mine.id}`, { data: { status: 'rejected' } }), 'status')
    await viewer.reload()
    await containsText(viewer.locator(`li[data-application="${mine.id}"] .mine-status`), '未录用')
    await containsText(viewer.locator(`li[data-application="${mine.id}"] .mine-status`), '别灰心')
  })

  test('the server says ALREADY_APPLIED on another phone: that card says 已报名 too', async () => {
    const other = await launch({ phone: true })
    try {
      const p = other.ctx.pages()[0] ?? (await other.ctx.newPage())
      await p.goto(`${server.url}/watch/${seeded.streamId}`)
      await applyFromDock(p, '张桂芳', '13900001111')
      await visible(sheet(p).getByText('您已经报过这个岗位了'))
      await sheet(p).getByRole('button', { name: '好的' }).click()
      await containsText(dock(p).locator('.applied-state'), '已报名')
      expect(await dock(p).getByRole('button', { name: '立即报名' }).count()).toBe(0)
      await p.reload()
      await containsText(dock(p).locator('.applied-state'), '已报名')
    } finally {
      await other.close()
    }
  })

  test('a station applies for villagers one after another: the form is empty for each; its list shows them masked; its poster’s QR carries ?src=st-', async () => {
    const fair = (await ok(await org.post('/api/fairs', { data: { title: '春风行动·项城专场', startsAt: new Date(Date.now() - 3600_000).toISOString(), endsAt: new Date(Date.now() + 7 * 86400_000).toISOString() } }), 'fair')).fair
    const stream = (await ok(await hr.ctx.request.post(`${server.url}/api/streams`, { data: { title: '项城制衣厂探厂直播', scheduledAt: new Date(Date.now() + 7200_000).toISOString(), jobIds: [job('缝纫工').id, job('采茶工').id], fairId: fair.id } }), 'stream')).stream
    const station = (await ok(await org.post('/api/admin/stations', { data: { email: 'st-e2e@test.local', password: 'station-pass-1', name: '平店服务站', town: '商水县平店乡' } }), 'station')).user
    const desk = await launch()
    try {
      await ok(await desk.ctx.request.post(`${server.url}/api/auth/login`, { data: { email: 'st-e2e@test.local', password: 'station-pass-1' } }), 'station login')
      const p = desk.ctx.pages()[0] ?? (await desk.ctx.newPage())
      await p.goto(`${server.url}/`)
      await p.getByRole('link', { name: '服务站' }).click()
      await p.waitForURL('**/station')
      const card = p.locator(`article[data-stream="${stream.id}"]`)
      await containsText(card, '项城制衣厂探厂直播')

      // the poster: its QR code leads to the stream with the station's channel
      await card.getByRole('button', { name: '打印海报' }).click()
      const img = p.locator('.poster img')
      await visible(img)
      const pixels = await img.evaluate(async (el: HTMLImageElement) => {
        await el.decode()
        const c = document.createElement('canvas')
        c.width = el.naturalWidth
        c.height = el.naturalHeight
        const g = c.getContext('2d')!
        g.drawImage(el, 0, 0)
        const d = g.getImageData(0, 0, c.width, c.height)
        return { w: d.width, h: d.height, data: Array.from(d.data) }
      })
      expect(jsQR(new Uint8ClampedArray(pixels.data), pixels.w, pixels.h)?.data).toBe(`${server.url}/watch/${stream.id}?src=st-${station.id}`)
      await p.screenshot({ path: `${SHOTS}/station-poster-1280.png`, fullPage: true })
      await p.getByRole('button', { name: '关闭海报' }).click()

      await card.getByRole('button', { name: '帮村民报名' }).click()
      const form = p.getByRole('region', { name: /代报名/ })
      await visible(form)
      await visible(form.getByText('村民本人同意'))
      const name = form.getByLabel('村民姓名', { exact: true })
      const tel = form.getByLabel('村民手机号', { exact: true })
      const consent = form.getByRole('checkbox', { name: /村民本人同意/ })
      for (const [who, number, masked] of [['刘玉兰', '13700001234', '137****1234'], ['陈德胜', '13700005678', '137****5678']] as const) {
        // nothing of the previous villager is left in the form
        expect(await name.inputValue()).toBe('')
        expect(await tel.inputValue()).toBe('')
        expect(await consent.isChecked()).toBe(false)
        await form.getByLabel('岗位').selectOption(job('缝纫工').id)
        await name.fill(who)
        await tel.fill(number)
        await consent.check()
        await form.getByRole('button', { name: '提交报名' }).click()
        await containsText(form.locator('.station-done'), `已为 ${who} 报名「缝纫工」`)
        expect(await name.inputValue()).toBe('')
        expect(await tel.inputValue()).toBe('')
        expect(await form.getByLabel('年龄（选填）').inputValue()).toBe('')
        expect(await consent.isChecked()).toBe(false)
        const row = p.locator('.station-table tbody tr').filter({ hasText: masked })
        await containsText(row, '缝纫工')
        await containsText(row, '已投递')
        expect(await p.locator('.station-table').textContent()).not.toContain(number)
      }
      // consent is asked every time: without it nothing is sent; the last villager's name is gone
      await form.getByLabel('岗位').selectOption(job('缝纫工').id)
      await name.fill('王五')
      expect(await form.locator('.station-done').count()).toBe(0)
      await tel.fill('13700009999')
      await form.getByRole('button', { name: '提交报名' }).click()
      await visible(form.getByText('请勾选同意，企业才能联系您'))
      expect(await p.locator('.station-table tbody tr').count()).toBe(2)
      await p.screenshot({ path: `${SHOTS}/station-1280.png`, fullPage: true })
      // credited to the station on the server
      const filed = await ok(await desk.ctx.request.get(`${server.url}/api/station/applications`), 'station list')
      expect(filed.items).toHaveLength(2)
    } finally {
      await desk.close()
    }
  }, 60_000)

  test('the 大屏 opens through a read-only link without a session, and stops when the organizer revokes it', async () => {
    const fair = (await ok(await org.get('/api/fairs'), 'fairs')).items.find((f: { title: string }) => f.title === '春风行动·项城专场')
    const desk = await launch()
    const wall = await launch()
    try {
      await ok(await desk.ctx.request.post(`${server.url}/api/auth/login`, { data: TEST_ORGANIZER }), 'organizer login')
      const p = desk.ctx.pages()[0] ?? (await desk.ctx.newPage())
      await p.goto(`${server.url}/admin/fairs/${fair.id}`)
      const panel = p.locator('[data-section="screen-links"]')
      await panel.getByLabel(/放在哪里/).fill('项城人社局大厅')
      await panel.getByRole('button', { name: '生成大屏链接' }).click()
      const url = (await panel.locator('[data-screen-link]').textContent())!
      expect(url).toMatch(/\/screen\/s\/[A-Za-z0-9_-]{20,}$/)
      await containsText(panel.locator('li'), '项城人社局大厅')

      const screen = wall.ctx.pages()[0] ?? (await wall.ctx.newPage())
      await screen.goto(url)
      await visible(screen.getByRole('heading', { name: '春风行动·项城专场' }))
      expect(await screen.getByRole('link', { name: '登录' }).count()).toBe(0)
      await screen.screenshot({ path: `${SHOTS}/screen-link-1280.png` })

      p.once('dialog', (d) => void d.accept())
      await panel.locator('li').filter({ hasText: '项城人社局大厅' }).getByRole('button', { name: '停用' }).click()
      await expect.poll(() => panel.locator('li').count()).toBe(0)
      await screen.reload()
      await visible(screen.getByText('这个大屏链接已停用或不存在'))
    } finally {
      await desk.close()
      await wall.close()
    }
  })

  test('the recruiter sets the 招聘电话 in the studio: refused in plain words when wrong, saved when right', async () => {
    const p = hr.ctx.pages()[0] ?? (await hr.ctx.newPage())
    await p.goto(`${server.url}/studio?tab=company`)
    const box = p.getByLabel('招聘电话（手机或座机）')
    await expect.poll(() => box.inputValue()).toBe('0394-8123456')
    await box.fill('12345')
    await p.getByRole('button', { name: '保存' }).click()
    await visible(p.getByText('请输入手机号或带区号的座机，如 0394-1234567'))
    await box.fill('(0394) 555 0199')
    await p.getByRole('button', { name: '保存' }).click()
    await visible(p.getByText('已保存'))
    await expect.poll(() => box.inputValue()).toBe('0394-5550199')
    expect((await ok(await hr.ctx.request.get(`${server.url}/api/company`), 'company')).company.hiringPhone).toBe('0394-5550199')
    await p.screenshot({ path: `${SHOTS}/studio-hiring-phone-1280.png` })
  })

  test('an ended stream whose jobs are open is on the home page as 岗位仍可报名, and takes applications', async () => {
    await ok(await hr.ctx.request.post(`${server.url}/api/streams/${seeded.streamId}/end`), 'end')
    const fresh = await launch({ phone: true })
    try {
      const p = fresh.ctx.pages()[0] ?? (await fresh.ctx.newPage())
      await p.goto(`${server.url}/`)
      const section = p.getByRole('region', { name: '直播已结束 · 岗位仍可报名' })
      await containsText(section, '走进车间：缝纫、采茶、鞋灯一起招')
      await containsText(section, '岗位仍可报名')
      await section.getByRole('link', { name: /走进车间/ }).click()
      await p.waitForURL(`**/watch/${seeded.streamId}`)
      await p.getByRole('button', { name: /全部岗位/ }).click()
      const tea = p.locator(`.room-side article[data-job="${job('采茶工').id}"]`)
      await tea.getByRole('button', { name: '立即报名' }).click()
      await visible(sheet(p).getByRole('heading', { name: '报名：采茶工' }))
      await sheet(p).getByLabel('姓名', { exact: true }).fill('赵春花')
      await sheet(p).getByLabel('手机号', { exact: true }).fill('13600002222')
      await sheet(p).getByRole('checkbox').first().check()
      await sheet(p).getByRole('button', { name: '提交报名' }).click()
      await visible(sheet(p).getByText('报名成功，企业将电话联系您'))
    } finally {
      await fresh.close()
    }
  })
})
