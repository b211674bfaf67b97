import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readFileSync } from 'node:fs'
import { Redis } from 'ioredis'
import type { Page } from 'playwright-core'
import { startServer } from '../helpers/server.ts'
import { until } from '../helpers/until.ts'
import { keys } from '../../server/store/keys.ts'
import { REMIND_BEFORE_MS } from '../../server/reminders/text.ts'
import { containsText, ensureWebBuild, gone, launch, seedStream, SHOTS, smallThings, visible, type Launched, type Seeded } from './support.ts'

// 预约直播 in real Chromium at phone size against the real platform (in-process BullMQ workers,
// SMS_PROVIDER=log through pino): reserve from the home page and from the room before the
// start, 加入日历 downloads the .ics, the SMS's link opens a page that unsubscribes.

let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let phone: Launched
let page: Page
let seeded: Seeded
let redis: Redis
const lines: Record<string, any>[] = []

const sheet = () => page.getByRole('dialog', { name: '预约直播' })
const reservationsOf = (streamId: string) => redis.hgetall(keys.streamReservations(streamId))

describe('预约直播 on a phone', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer({ env: { LOG_LEVEL: 'info', PUBLIC_URL: 'https://zp.example.cn', SMS_LOG_LINKS: '1' }, logDestination: { write: (s: string) => void lines.push(JSON.parse(s)) } })
    redis = new Redis(server.redisUrl)
    ;[hr, phone] = await Promise.all([launch(), launch({ phone: true })])
    page = phone.ctx.pages()[0] ?? (await phone.ctx.newPage())
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-reserve@test.local', company: '平店乡预约测试服饰' })
  }, 120_000)

  afterAll(async () => {
    redis?.disconnect()
    await Promise.all([hr?.close(), phone?.close()])
    await server?.stop()
  })

  test('from the home page: the sheet says what is wrong, then reserves', async () => {
    await page.goto(server.url)
    const card = page.locator('.stream-card-box').filter({ hasText: '走进车间' })
    await visible(card)
    await card.getByRole('button', { name: '预约直播' }).click()
    await visible(sheet())
    await sheet().getByRole('button', { name: '预约，开播提醒我' }).click()
    await containsText(sheet(), '请输入 11 位手机号')
    await containsText(sheet(), '请勾选同意，我们才能发短信提醒您')
    await sheet().getByRole('textbox', { name: '手机号' }).fill('138 0013 8000')
    await sheet().getByRole('checkbox').check()
    await containsText(sheet(), '只发一条')
    expect(await smallThings(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/reserve-sheet-phone.png` })
    await sheet().getByRole('button', { name: '预约，开播提醒我' }).click()
    await containsText(sheet(), '预约好了')
    expect(Object.keys(await reservationsOf(seeded.streamId))).toEqual(['13800138000'])
    await sheet().getByRole('button', { name: '知道了' }).click()
    await gone(sheet())
  })

  test('in the room before the start: 预约直播 over the video; 加入日历 downloads the .ics', async () => {
    await page.goto(`${server.url}/watch/${seeded.streamId}`)
    await containsText(page.locator('.stage-msg'), '直播还没开始')
    // a first visit offers 长辈模式 over the stage: this viewer says no, as people do
    const notNow = page.getByRole('button', { name: '不用了' })
    if (await notNow.isVisible()) await notNow.click()
    await page.locator('.stage-msg').getByRole('button', { name: '预约直播' }).click()
    const calendar = sheet().getByRole('link', { name: '加入日历' })
    const [download] = await Promise.all([page.waitForEvent('download'), calendar.click()])
    const ics = readFileSync((await download.path())!, 'utf8')
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(ics.replace(/\r?\n[ \t]/g, '')).toContain(`/watch/${seeded.streamId}`)
    // another phone number (a family member's) reserves too
    await sheet().getByRole('textbox', { name: '手机号' }).fill('13900139000')
    await sheet().getByRole('checkbox').check()
    await sheet().getByRole('button', { name: '预约，开播提醒我' }).click()
    await containsText(sheet(), '预约好了')
    await page.screenshot({ path: `${SHOTS}/reserve-room-phone.png` })
    expect(Object.keys(await reservationsOf(seeded.streamId)).sort()).toEqual(['13800138000', '13900139000'])
  })

  test('the SMS goes out when the start comes near; its link opens a page that unsubscribes', async () => {
    // the recruiter moves the start to just over 10 minutes from now: both reminders go out
    const soon = new Date(Date.now() + REMIND_BEFORE_MS + 1000).toISOString()
    expect((await hr.ctx.request.patch(`${server.url}/api/streams/${seeded.streamId}`, { data: { scheduledAt: soon } })).status()).toBe(200)
    const sms = await until('two reminders', () => {
      const sent = lines.filter((l) => l.msg === 'sms')
      return sent.length === 2 && sent
    })
    expect(sms.map((l) => l.sms.to).sort()).toEqual(['138****8000', '139****9000'])
    expect(JSON.stringify(lines)).not.toMatch(/13800138000|13900139000/)
    const text: string = sms.find((l) => l.sms.to === '138****8000')!.sms.text
    expect(text.length).toBeLessThanOrEqual(70)
    const code = text.match(/https:\/\/zp\.example\.cn\/r\/([A-Za-z0-9_-]+)/)![1]
    await page.goto(`${server.url}/r/${code}`)
    await containsText(page.locator('main'), '138****8000')
    await containsText(page.locator('main'), '走进车间')
    await visible(page.getByRole('link', { name: '看直播' }))
    await page.getByRole('button', { name: '不用提醒了（退订）' }).click()
    await containsText(page.locator('main'), '已退订')
    expect(Object.keys(await reservationsOf(seeded.streamId))).toEqual(['13900139000'])
    await page.screenshot({ path: `${SHOTS}/reserve-unsubscribed-phone.png` })
    await page.goto(`${server.url}/r/not-a-real-code`)
    await containsText(page.locator('main'), '这个链接打不开了')
  })
})
