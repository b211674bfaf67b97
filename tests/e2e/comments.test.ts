import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { request, type Page } from 'playwright-core'
import { TEST_ORGANIZER, startServer } from '../helpers/server.ts'
import { containsText, ensureWebBuild, launch, seedStream, smallThings, visible, type Launched, type Seeded } from './support.ts'

// The live room's conversation (issue 13) in real Chromium against the real platform: two
// phones comment, the recruiter's console answers and moderates. Every wait is on a condition.

let server: Awaited<ReturnType<typeof startServer>>
let hr: Launched
let phoneA: Launched
let phoneB: Launched
let console_: Page
let a: Page
let b: Page
let seeded: Seeded

const log = (p: Page) => p.getByRole('log', { name: '评论' })
const box = (p: Page) => p.getByRole('textbox', { name: '说点什么，问问主播…' })
const alert = (p: Page) => p.locator('.chat-problem')
const feed = () => console_.locator('.chat-feed')
const row = (text: string) => feed().locator('.chat-list li').filter({ hasText: text })

async function say(p: Page, text: string) {
  await box(p).fill(text)
  await p.getByRole('button', { name: '发送' }).click()
}

/** All text the page shows about comments: the room's log and pinned answer, or the console's feed. */
const chatText = (p: Page) => p.evaluate(() => [...document.querySelectorAll('.chat-stream, .chat-answer, .chat-list')].map((e) => e.textContent).join('\n'))

describe('comments: viewers ask, the host answers and moderates', () => {
  beforeAll(async () => {
    await ensureWebBuild()
    server = await startServer()
    ;[hr, phoneA, phoneB] = await Promise.all([launch(), launch({ phone: true }), launch({ phone: true })])
    console_ = hr.ctx.pages()[0] ?? (await hr.ctx.newPage())
    a = phoneA.ctx.pages()[0] ?? (await phoneA.ctx.newPage())
    b = phoneB.ctx.pages()[0] ?? (await phoneB.ctx.newPage())
    seeded = await seedStream(server.url, hr.ctx.request, { email: 'hr-chat@test.local', company: '平店乡测试服饰有限公司' })
    expect((await hr.ctx.request.post(`${server.url}/api/streams/${seeded.streamId}/start`)).status()).toBe(200)
    await Promise.all([console_.goto(`${server.url}/studio/live/${seeded.streamId}`), a.goto(`${server.url}/watch/${seeded.streamId}`), b.goto(`${server.url}/watch/${seeded.streamId}`)])
    await Promise.all([visible(box(a)), visible(box(b)), visible(feed())])
  }, 120_000)

  afterAll(async () => {
    await Promise.all([hr?.close(), phoneA?.close(), phoneB?.close()])
    await server?.stop()
  })

  test('a one-tap question reaches the host highlighted; 已回答 and 置顶回答 reach every viewer', async () => {
    // A quiet room has not loaded the conversation's code; the tap loads it and sends the chip.
    expect(await a.evaluate(() => performance.getEntriesByType('resource').some((e) => /RoomChat/.test(e.name)))).toBe(false)
    await a.getByRole('button', { name: '包吃住吗？' }).click()
    await containsText(log(a), '包吃住吗？')
    await containsText(log(b), '包吃住吗？') // the other phone, pushed
    // The device's name: 网友 and four digits (no town known yet).
    await containsText(a.locator('.chat-as'), '网友')
    const name = (await a.locator('.chat-as').textContent())!.match(/网友\d{4}/)![0]

    const question = row('包吃住吗？')
    await visible(question)
    await containsText(question, name)
    expect(await question.getAttribute('class')).toContain('question')

    await question.getByRole('button', { name: '标为已回答' }).click()
    await containsText(question, '已回答')

    await question.getByRole('button', { name: '置顶回答' }).click()
    await question.getByRole('textbox', { name: '输入回答，置顶到观众画面上' }).fill('包吃住，四人间，有空调')
    await question.locator('form').getByRole('button', { name: '置顶回答' }).click()
    for (const p of [a, b]) {
      const answer = p.getByRole('region', { name: '主播回答' })
      await containsText(answer, '包吃住，四人间，有空调')
      await containsText(answer, '包吃住吗？')
    }
    // A phone joining now gets the pinned answer and the last comments at once.
    const late = await phoneB.ctx.newPage()
    await late.goto(`${server.url}/watch/${seeded.streamId}`)
    await containsText(late.getByRole('region', { name: '主播回答' }), '包吃住，四人间，有空调')
    await containsText(log(late), '包吃住吗？')
    await late.close()
    expect(await smallThings(a)).toEqual([]) // text ≥ 16 px, targets ≥ 44 px, with the bar and chips
  }, 60_000)

  test('markup in a comment shows as text, never as markup', async () => {
    const markup = '<img src=x onerror=alert(1)>你好'
    let dialogs = 0
    for (const p of [a, b, console_]) p.on('dialog', () => void dialogs++)
    await say(b, markup)
    await containsText(log(a), markup)
    await containsText(row('onerror'), markup)
    for (const p of [a, b, console_]) expect(await p.locator('.chat-stream img, .chat-list img').count()).toBe(0)
    expect(dialogs).toBe(0)
  })

  test('a banned word or a link is refused in plain words and never reaches the host or another viewer', async () => {
    const org = await request.newContext({ baseURL: server.url })
    expect((await org.post('/api/auth/login', { data: TEST_ORGANIZER })).ok()).toBe(true)
    expect((await org.put('/api/admin/banned-words', { data: { words: ['刷单'] } })).status()).toBe(200)
    await org.dispose()

    await say(a, '加我刷单日赚三百')
    await containsText(alert(a), '内容不符合规定，未发送')
    expect(await box(a).inputValue()).toBe('加我刷单日赚三百') // kept, to be edited
    await say(a, '详情看 http://spam.example.cn')
    await containsText(alert(a), '内容不符合规定，未发送')
    // A comment sent after them arrives; what was refused never did.
    await say(a, '夫妻能一起去吗？')
    await containsText(log(b), '夫妻能一起去吗？')
    await visible(row('夫妻能一起去吗？'))
    for (const p of [b, console_]) {
      const text = await chatText(p)
      expect(text).not.toContain('刷单')
      expect(text).not.toContain('spam.example')
    }
  })

  test('slow mode and the established-viewer rule, switched on by the host, say how long to wait', async () => {
    const fresh = await launch({ phone: true }) // a viewer who has not commented yet
    const c = fresh.ctx.pages()[0] ?? (await fresh.ctx.newPage())
    const slow = feed().getByRole('switch', { name: /慢速模式/ })
    const rule = feed().getByRole('switch', { name: /观看满/ })
    try {
      expect(await slow.getAttribute('aria-checked')).toBe('false') // off by default
      expect(await rule.getAttribute('aria-checked')).toBe('false')
      await slow.click()
      await expect.poll(() => slow.getAttribute('aria-checked')).toBe('true')
      await c.goto(`${server.url}/watch/${seeded.streamId}`)
      await say(c, '几点上班？')
      await containsText(log(a), '几点上班？')
      await say(c, '几点下班？')
      await containsText(alert(c), '发言太快了，请')
      expect(await alert(c).textContent()).toMatch(/请 \d+ 秒后再试/)
      await slow.click()
      await expect.poll(() => slow.getAttribute('aria-checked')).toBe('false')

      await rule.click()
      await expect.poll(() => rule.getAttribute('aria-checked')).toBe('true')
      await say(c, '我也想问问')
      await containsText(alert(c), '观看满 60 秒后才能发言')
    } finally {
      await fresh.close()
      if ((await rule.getAttribute('aria-checked')) === 'true') await rule.click()
      await expect.poll(() => rule.getAttribute('aria-checked')).toBe('false')
    }
  })

  test('点赞 sends a like beacon and floats a heart', async () => {
    const sent = a.waitForRequest((r) => r.url().endsWith('/api/events') && (r.postData() ?? '').includes('"like"'), { timeout: 15_000 })
    await a.getByRole('button', { name: '点赞' }).click()
    await visible(a.locator('.heart'))
    const res = await (await sent).response()
    expect(res?.ok()).toBe(true)
  })

  test('a muted viewer is told so, and the others keep talking', async () => {
    await say(a, '主播好')
    const mine = row('主播好')
    await visible(mine)
    console_.once('dialog', (d) => void d.accept())
    const muted = console_.waitForResponse((r) => r.url().endsWith('/mutes'))
    await mine.getByRole('button', { name: '禁言' }).click()
    expect((await muted).status()).toBe(201)
    await say(a, '还能说话吗')
    await containsText(alert(a), '您已被主播禁言')
    await say(b, '我还能说')
    await visible(row('我还能说'))

    // The console lists who is muted, by name; 解除禁言 lets them talk again at once.
    const mutedList = feed().getByRole('group', { name: /已禁言/ })
    const nameOfA = (await a.locator('.chat-as').textContent())!.match(/网友\d{4}/)![0]
    const entry = mutedList.locator('li').filter({ hasText: nameOfA })
    await visible(entry)
    const unmuted = console_.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/mutes/'))
    await entry.getByRole('button', { name: '解除禁言' }).click()
    expect((await unmuted).status()).toBe(204)
    await expect.poll(() => mutedList.count()).toBe(0) // nobody muted: the list goes
    await say(a, '谢谢主播')
    await visible(row('谢谢主播'))
  })
})
