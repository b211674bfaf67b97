import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../helpers/server.ts'
import { approvedRecruiter, organizerCookie } from '../helpers/platform-accounts.ts'

// Issue 16: Bull Board at /admin/queues, organizers only, on the real Node platform. It is outside
// /api, where the session middleware does not run: these tests show its own check does.

let server: Awaited<ReturnType<typeof startServer>>
let organizer: string
let recruiter: string

beforeAll(async () => {
  server = await startServer()
  organizer = await organizerCookie(server.url)
  recruiter = await approvedRecruiter(server.url, 'board-hr@test.local')
})
afterAll(() => server?.stop())

const get = (path: string, cookie?: string) => fetch(server.url + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' })

describe('/admin/queues', () => {
  it('is never reachable anonymously: the page, its API and its assets all answer 401', async () => {
    for (const path of ['/admin/queues', '/admin/queues/', '/admin/queues/api/queues', '/admin/queues/queue/%7Bevents%7D', '/admin/queues/static/images/logo.svg']) {
      const res = await get(path)
      expect(res.status, path).toBe(401)
      expect(((await res.json()) as any).error.code, path).toBe('UNAUTHENTICATED')
    }
  })

  it('refuses a signed-in recruiter with 403', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await get(path, recruiter)
      expect(res.status, path).toBe(403)
      expect(((await res.json()) as any).error.code).toBe('FORBIDDEN')
    }
  })

  it('serves an organizer the board, its assets and every queue through its API', async () => {
    const page = await get('/admin/queues', organizer)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<base href="/admin/queues/"')
    // Inline styles for the board only; scripts stay same-origin.
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).toContain("script-src 'self';")
    const script = /src="(static\/js\/main[^"]+\.js)"/.exec(html)?.[1]
    expect(script).toBeTruthy()
    expect((await get(`/admin/queues/${script}`, organizer)).status).toBe(200)

    const api = await get('/admin/queues/api/queues', organizer)
    expect(api.status).toBe(200)
    const names = (((await api.json()) as any).queues as { name: string }[]).map((q) => q.name).sort()
    expect(names).toEqual(['{events}', '{lifecycle}', '{reminders}'])
  })

  it('keeps the strict CSP everywhere else', async () => {
    const res = await get('/api/health')
    expect(res.headers.get('content-security-policy')).toContain("style-src 'self';")
  })

  it("refuses a cross-site write with the organizer's cookie", async () => {
    const res = await fetch(`${server.url}/admin/queues/api/queues/%7Bevents%7D/retry/failed`, { method: 'PUT', headers: { cookie: organizer, origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
  })
})

describe('/metrics without METRICS_TOKEN', () => {
  it('does not exist: 404, even with a bearer token', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer anything-at-all-0123' } })
    expect(res.status).toBe(404)
    expect(((await res.json()) as any).error.code).toBe('NOT_FOUND')
  })
})
