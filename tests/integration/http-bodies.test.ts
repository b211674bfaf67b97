// Request bodies over real HTTP on the Node server: the size limit and the content-type check
// are decided from the headers (so the body is read straight off the socket), and a chunked
// body, which declares no length, is still counted and refused past 64 KiB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { startServer } from '../helpers/server.ts'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.stop())

/** One POST; `chunks` are written one by one, so with no Content-Length Node sends them chunked. */
function post(path: string, chunks: string[], headers: Record<string, string>) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }))
    })
    req.on('error', reject)
    for (const c of chunks) req.write(c)
    req.end()
  })
}

const events = (n: number, type = 'join') =>
  JSON.stringify({ events: Array.from({ length: n }, (_, i) => ({ id: `evt-${i}-abcdef`, type, streamId: 'no-such-stream', viewerId: 'viewer-abcdef', sessionId: 'session-abcdef' })) })

describe('request bodies over HTTP', () => {
  it('reads a chunked JSON body (no Content-Length)', async () => {
    const body = events(3, 'dance')
    const res = await post('/api/events', [body.slice(0, 20), body.slice(20)], { 'content-type': 'application/json' })
    expect(res.status).toBe(400) // the bad type proves the body was read and validated
    expect(res.json.error.code).toBe('VALIDATION_FAILED')
    expect(res.json.error.details[0].path).toEqual(['events', '0', 'type'])
    const ok = events(1)
    const res2 = await post('/api/events', [ok.slice(0, 10), ok.slice(10)], { 'content-type': 'text/plain' })
    expect(res2).toEqual({ status: 202, json: { accepted: 0 } }) // unknown streams are dropped
  })

  it('refuses a declared Content-Length over 64 KiB with 413 before reading it', async () => {
    const body = 'x'.repeat(70 * 1024)
    const res = await post('/api/events', [body], { 'content-type': 'application/json', 'content-length': String(body.length) })
    expect(res.status).toBe(413)
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('refuses a chunked body once it passes 64 KiB with 413', async () => {
    const chunk = 'x'.repeat(8 * 1024)
    const res = await post('/api/events', Array.from({ length: 10 }, () => chunk), { 'content-type': 'application/json' })
    expect(res.status).toBe(413)
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('refuses a form-encoded body on a JSON endpoint with 415', async () => {
    const res = await post('/api/auth/login', ['email=a&password=b'], { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '18' })
    expect(res.status).toBe(415)
    expect(res.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })
})
