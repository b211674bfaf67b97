import { afterAll, beforeAll, expect, test } from 'vitest'
import { startServer, TEST_ORGANIZER } from '../helpers/server.ts'
import { containsText, launch, type Launched } from './support.ts'

// Issue 16: Bull Board works in a real browser under the page's CSP (inline styles allowed for
// /admin/queues only): an organizer sees both queues, loaded through the board's API.

let server: Awaited<ReturnType<typeof startServer>>
let browser: Launched
beforeAll(async () => {
  server = await startServer()
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

test('anonymous visitors get 401; an organizer gets the board with both queues and no CSP violation', async () => {
  const page = await browser.ctx.newPage()
  const violations: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
  })
  expect((await page.goto(`${server.url}/admin/queues`))?.status()).toBe(401)

  const login = await page.request.post(`${server.url}/api/auth/login`, { data: TEST_ORGANIZER })
  expect(login.status()).toBe(200)
  const queuesApi = page.waitForResponse((r) => r.url().startsWith(`${server.url}/admin/queues/api/queues`) && r.status() === 200)
  expect((await page.goto(`${server.url}/admin/queues`))?.status()).toBe(200)
  await queuesApi
  await containsText(page.locator('body'), '{events}')
  await containsText(page.locator('body'), '{lifecycle}')
  await containsText(page.locator('body'), '{reminders}') // 预约直播 SMS reminders
  // Only the board's Google Fonts link is refused (an admin page calls no third party).
  expect(violations.filter((v) => !v.includes('fonts.googleapis.com'))).toEqual([])
  await page.close()
})
