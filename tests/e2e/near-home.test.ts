import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { startServer } from '../helpers/server.ts'
import { containsText, ensureWebBuild, launch, seedStream, smallThings, visible, type Launched, type Seeded } from './support.ts'

// Issue 14 「离家近」 and 「到手多少」, issue 15's towns from the gazetteer: the recruiter picks the
// workplace (county → town) and a day's output; a viewer on a phone picks where they live, once,
// and the room's jobs say how far each is and come nearest first.

let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let phone: Launched
let studio: Page
let viewer: Page
let seeded: Seeded

const drawer = () => viewer.getByRole('complementary', { name: '全部岗位' })
const titles = () => drawer().locator('.side-jobs article h3').allTextContents()
const cardOf = (title: string) => drawer().locator('.side-jobs article', { hasText: title })

describe('near home: gazetteer towns, distance and take-home pay', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    ;[hr, phone] = await Promise.all([launch(), launch({ phone: true })])
    studio = hr.ctx.pages()[0] ?? (await hr.ctx.newPage())
    viewer = phone.ctx.pages()[0] ?? (await phone.ctx.newPage())
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-near@test.local', company: '张北县测试物流有限公司' })
  }, 120_000)

  afterAll(async () => {
    await hr?.close()
    await phone?.close()
    await server?.stop()
  })

  test('the studio form: the workplace from the town list, a shuttle line, and the day’s estimate', async () => {
    await studio.goto(`${server.url}/studio?tab=jobs`)
    await studio.getByRole('button', { name: '发布新岗位' }).click()
    await studio.getByLabel('岗位名称').fill('分拣打包')
    await studio.getByRole('radio', { name: '计件' }).check()
    await studio.getByLabel('工资 · 最低').fill('0.5')
    await studio.getByLabel('工资 · 最高').fill('0.5')
    await studio.getByLabel('招聘人数').fill('8')
    // Too many pieces: refused before sending, in the recruiter's words.
    await studio.getByLabel('熟练工每天大约做多少件（选填）').fill('9000')
    await studio.getByRole('button', { name: '发布岗位' }).click()
    await visible(studio.getByText('最高工价 × 每天产量超过 ¥2000/天，请核对'))
    await visible(studio.getByText('请填写乡镇'))
    await studio.getByLabel('熟练工每天大约做多少件（选填）').fill('300')
    await containsText(studio.locator('form .take-home'), '熟练工约 ¥150/天（估算）')
    // The town select lists only the chosen county's towns.
    expect(await studio.getByLabel('工作地点 · 乡镇 / 街道').isDisabled()).toBe(true)
    await studio.getByLabel('工作地点 · 县（区）').selectOption({ label: '张北县（张家口市）' })
    const towns = await studio.getByLabel('工作地点 · 乡镇 / 街道').locator('option').allTextContents()
    expect(towns).toContain('张北镇')
    expect(towns).not.toContain('平店乡')
    await studio.getByLabel('工作地点 · 乡镇 / 街道').selectOption({ label: '张北镇' })
    await studio.getByLabel('班车（选填）').fill('每天 7:00 张北镇政府门口发车')
    await studio.getByRole('button', { name: '发布岗位' }).click()
    const card = studio.locator('article', { hasText: '分拣打包' })
    await containsText(card, '张北县张北镇')
    await containsText(card, '熟练工约 ¥150/天（估算）')
    await containsText(card, '班车：每天 7:00 张北镇政府门口发车')

    // The server placed it by the gazetteer; attach it to the stream for the viewer.
    const list = await (await hr.ctx.request.get(`${server.url}/api/jobs?status=open&limit=100`)).json()
    const made = list.items.find((j: { title: string }) => j.title === '分拣打包')
    expect(made.location).toMatchObject({ town: '张北县张北镇', townCode: '130722100', coordsOf: 'town', shuttle: '每天 7:00 张北镇政府门口发车' })
    expect(made.dailyOutput).toBe(300)
    const patched = await hr.ctx.request.patch(`${server.url}/api/streams/${seeded.streamId}`, { data: { jobIds: [...seeded.jobs.map((j) => j.id), made.id] } })
    expect(patched.status()).toBe(200)
  })

  test('a viewer picks their town once: distances on the cards, nearest first, remembered', async () => {
    await viewer.goto(`${server.url}/watch/${seeded.streamId}`)
    await viewer.getByRole('button', { name: /全部岗位/ }).click()
    await visible(drawer())
    expect(await titles()).toEqual(['缝纫工', '采茶工', '鞋灯组装', '分拣打包']) // the stream's order
    // The gazetteer is not part of the room's load: it comes with the picker.
    const loaded = () => viewer.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('TownSelect')))
    expect(await loaded()).toEqual([])
    await drawer().getByRole('button', { name: '选您住的乡镇，看岗位离家多远' }).click()
    await drawer().getByLabel('您家 · 县（区）').selectOption({ label: '成安县（邯郸市）' })
    await drawer().getByLabel('您家 · 乡镇 / 街道').selectOption({ label: '成安镇' })
    expect((await loaded()).length).toBe(1)
    expect(await smallThings(viewer)).toEqual([])
    await drawer().getByRole('button', { name: '好了' }).click()

    // 成安镇 → 商水县平店乡 ≈ 325 km (town to that county's seat: 平店乡 has no point of its own),
    // → 张北镇 ≈ 525 km (town to town: both have their own), → 建阳区麻沙镇 ≈ 1060 km (to the seat).
    await visible(drawer().getByText('离家近的排前面 · 成安县成安镇'))
    await expect.poll(titles).toEqual(['鞋灯组装', '缝纫工', '分拣打包', '采茶工'])
    await containsText(cardOf('鞋灯组装'), '就在本乡镇')
    await containsText(cardOf('缝纫工'), '离您约 320 公里（按县城算）')
    await containsText(cardOf('分拣打包'), '离您约 520 公里')
    expect(await cardOf('分拣打包').textContent()).not.toContain('按县城算')
    await containsText(cardOf('分拣打包'), '熟练工约 ¥150/天（估算）')
    await containsText(cardOf('分拣打包'), '班车：每天 7:00 张北镇政府门口发车')

    // The apply sheet starts from the home town; the village is free text.
    await cardOf('鞋灯组装').getByRole('button', { name: '立即报名' }).click()
    const sheet = viewer.getByRole('dialog')
    await visible(sheet.getByLabel('您住在（选填） · 乡镇 / 街道'))
    expect(await sheet.getByLabel('您住在（选填） · 乡镇 / 街道').inputValue()).toBe('130424100')
    await visible(sheet.getByLabel('哪个村（选填）'))
    await sheet.getByRole('button', { name: '关闭' }).click()

    // Remembered on this phone: a reload sorts at once.
    await viewer.reload()
    await viewer.getByRole('button', { name: /全部岗位/ }).click()
    await visible(drawer().getByText('离家近的排前面 · 成安县成安镇'))
    expect(await titles()).toEqual(['鞋灯组装', '缝纫工', '分拣打包', '采茶工'])
  })

  test('or the phone’s position: measured to each job’s county seat', async () => {
    await phone.ctx.grantPermissions(['geolocation'], { origin: server.url })
    await phone.ctx.setGeolocation({ latitude: 27.4, longitude: 118.0 }) // just outside 建阳
    await drawer().getByRole('button', { name: '换一个' }).click()
    await drawer().getByRole('button', { name: '用手机定位' }).click()
    await visible(drawer().getByText('离家近的排前面 · 我的位置'))
    await expect.poll(titles).toEqual(['采茶工', '缝纫工', '鞋灯组装', '分拣打包'])
    await containsText(cardOf('采茶工'), '离您约 14 公里（按县城算）')
  })
})
