import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { TEST_ORGANIZER, startServer } from '../helpers/server.ts'
import { containsText, ensureWebBuild, gone, launch, seedStream, visible, type Launched, type Seeded } from './support.ts'

// Issue 13's back office in real Chromium against the real platform: the recruiter adds a 场控
// assistant in the studio, the assistant runs the live console without phone numbers or CSV,
// the stream report shows the conversation's numbers and its moderation log, and the
// organizer's banned words stop a viewer's comment. Every wait is on a condition.

let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let helper: Launched
let org: Launched
let phone: Launched
let studio: Page
let assistantPage: Page
let admin: Page
let viewer: Page
let seeded: Seeded

const PHONE = '13812345678'
const ASSISTANT = { name: '李场控', email: 'changkong@test.local', password: 'assist-pass-1' }
const box = (p: Page) => p.getByRole('textbox', { name: '说点什么，问问主播…' })
async function say(p: Page, text: string) {
  await box(p).fill(text)
  await p.getByRole('button', { name: '发送' }).click()
}

describe('场控 assistants, the conversation in the reports, banned words', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    ;[hr, helper, org, phone] = await Promise.all([launch(), launch(), launch(), launch({ phone: true })])
    ;[studio, assistantPage, admin, viewer] = (await Promise.all([hr, helper, org, phone].map(async (l) => l.ctx.pages()[0] ?? (await l.ctx.newPage())))) as [Page, Page, Page, Page]
    // Confirms (remove an assistant, delete) are accepted: the test is about what follows.
    for (const p of [studio, assistantPage]) p.on('dialog', (d) => void d.accept())
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-assist@test.local', company: '平店乡场控测试有限公司' })
    expect((await hr.ctx.request.post(`${server.url}/api/streams/${seeded.streamId}/start`)).status()).toBe(200)
    // One application with a full phone number, which the assistant must never see.
    const applied = await phone.ctx.request.post(`${server.url}/api/streams/${seeded.streamId}/applications`, { data: { jobId: seeded.jobs[0]!.id, name: '张大刚', phone: PHONE, consent: true } })
    expect(applied.status()).toBe(201)
  }, 120_000)

  afterAll(async () => {
    await Promise.all([hr?.close(), helper?.close(), org?.close(), phone?.close()])
    await server?.stop()
  })

  test('the recruiter adds 场控 assistants in the studio (checked by the shared schema), sees them, removes one', async () => {
    await studio.goto(`${server.url}/studio?tab=assistants`)
    await containsText(studio.locator('.assistants'), '场控助理可以置顶岗位卡片、管理评论、查看数字；看不到手机号，不能导出名单')
    await studio.getByRole('button', { name: '添加场控助理' }).click()
    // Nothing typed: the shared schema's words, before any request.
    await studio.getByRole('button', { name: '创建账号' }).click()
    await containsText(studio.locator('form'), '请填写姓名')
    const add = async (who: { name: string; email: string; password: string }) => {
      await studio.getByLabel('姓名').fill(who.name)
      await studio.getByLabel('邮箱').fill(who.email)
      await studio.getByLabel('密码').fill(who.password)
      await studio.getByRole('button', { name: '创建账号' }).click()
      await visible(studio.locator('.card.assistant').filter({ hasText: who.email }))
    }
    await add({ name: '临时工', email: 'temp-assist@test.local', password: 'temp-pass-1' })
    await studio.getByRole('button', { name: '添加场控助理' }).click()
    await add(ASSISTANT)
    const temp = studio.locator('.card.assistant').filter({ hasText: 'temp-assist@test.local' })
    await temp.getByRole('button', { name: '移除' }).click()
    await gone(temp)
    await studio.reload()
    await visible(studio.locator('.card.assistant').filter({ hasText: ASSISTANT.email }))
    expect(await studio.locator('.card.assistant').count()).toBe(1)
  }, 60_000)

  test('the assistant signs in, opens the console, pins a card and deletes a comment; no phone number, no CSV', async () => {
    await assistantPage.goto(`${server.url}/login`)
    await assistantPage.getByLabel('邮箱').fill(ASSISTANT.email)
    await assistantPage.getByLabel('密码').fill(ASSISTANT.password)
    await assistantPage.getByRole('button', { name: '登录' }).last().click()
    // Lands in the studio, where the company's streams lead to the console.
    await assistantPage.waitForURL(/\/studio$/)
    await assistantPage.getByRole('link', { name: '直播控制台' }).first().click()
    await assistantPage.waitForURL(/\/studio\/live\//)

    const pin = assistantPage.locator('.pin-toggle').filter({ hasText: seeded.jobs[1]!.title })
    await pin.click()
    await expect.poll(() => pin.getAttribute('aria-pressed')).toBe('true')

    await viewer.goto(`${server.url}/watch/${seeded.streamId}`)
    await say(viewer, '几点下班呀')
    const row = assistantPage.locator('.chat-feed .chat-list li').filter({ hasText: '几点下班呀' })
    await visible(row)
    await row.getByRole('button', { name: '删除' }).click()
    await gone(row)

    // The applicant is there, masked as the server answers an assistant; no CSV, no start/end.
    const feed = assistantPage.locator('.feed')
    await containsText(feed, '138****5678')
    expect(await assistantPage.locator('body').textContent()).not.toContain(PHONE)
    expect(await assistantPage.getByText('导出 Excel (CSV)').count()).toBe(0)
    expect(await assistantPage.getByRole('button', { name: '结束直播' }).count()).toBe(0)
  }, 60_000)

  test('the stream report shows comments, commenters and likes, and the moderation log', async () => {
    // Three likes from one admitted session (beacons), counted by the platform's workers.
    const base = { streamId: seeded.streamId, viewerId: 'liker-viewer-1', sessionId: 'liker-session-1' }
    const events = [{ ...base, id: 'liker-join-1', type: 'join' }, ...[1, 2, 3].map((i) => ({ ...base, id: `liker-like-${i}`, type: 'like' }))]
    expect((await phone.ctx.request.post(`${server.url}/api/events`, { data: { events } })).status()).toBe(202)
    await expect.poll(async () => (await (await hr.ctx.request.get(`${server.url}/api/streams/${seeded.streamId}/stats`)).json()).likes, { timeout: 20_000 }).toBe(3)

    await studio.goto(`${server.url}/studio/report/${seeded.streamId}`)
    const tile = (k: string) => studio.locator(`.tile[data-metric="${k}"]`)
    // The page refreshes every 5 s while live: wait for the numbers the API gives.
    await expect.poll(() => tile('likes').getAttribute('data-value'), { timeout: 15_000 }).toBe('3')
    const stats = await (await hr.ctx.request.get(`${server.url}/api/streams/${seeded.streamId}/stats`)).json()
    expect(stats.comments).toBeGreaterThanOrEqual(1)
    await expect.poll(() => tile('comments').getAttribute('data-value'), { timeout: 15_000 }).toBe(String(stats.comments))
    await expect.poll(() => tile('commenters').getAttribute('data-value'), { timeout: 15_000 }).toBe(String(stats.commenters))
    // The deleted comment in the log, done by the assistant.
    const deleted = studio.locator('.modlog-table tr[data-action="delete"]')
    await containsText(deleted, '几点下班呀')
    await containsText(deleted, ASSISTANT.name)
  }, 60_000)

  test('the organizer saves a banned word in the admin; a viewer’s comment with it is refused', async () => {
    const login = await org.ctx.request.post(`${server.url}/api/auth/login`, { data: TEST_ORGANIZER })
    expect(login.ok()).toBe(true)
    await admin.goto(`${server.url}/admin?tab=banned`)
    const words = admin.getByLabel('违禁词（每行一个）')
    await visible(words)
    await words.fill('刷单\n\n  加微信  \n刷单')
    await admin.getByRole('button', { name: '保存' }).click()
    await containsText(admin.locator('.banned-words [role="status"]'), '已保存 2 个违禁词')
    expect(await words.inputValue()).toBe('刷单\n加微信')

    await say(viewer, '主播加微信聊')
    await containsText(viewer.locator('.chat-problem'), '内容不符合规定，未发送')
    const list = await (await hr.ctx.request.get(`${server.url}/api/streams/${seeded.streamId}/comments`)).json()
    expect(JSON.stringify(list.items)).not.toContain('加微信')
  }, 60_000)
})
