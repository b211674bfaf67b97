import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TokenVerifier } from 'livekit-server-sdk'
import { inHours, startTestApp, validJob, type TestApp } from '../helpers/app.ts'

// LiveKit Ingress (RTMP/WHIP for OBS) is a separate service (livekit/ingress, GStreamer) that
// is not run here, so its Twirp API is a local stand-in that records what the SDK sends and
// answers the way Ingress does. Everything the LiveKit server itself does is tested against the
// real livekit-server (livekit.test.ts, livekit-webhooks.test.ts, livekit-faults.test.ts).

const API_KEY = 'devkey'
const API_SECRET = 'test-secret-with-at-least-32-characters-0123456789'

type Recorded = { path: string; headers: IncomingHttpHeaders; json: any }

/** The Ingress service's Twirp API: ListIngress and CreateIngress, or failures on demand. */
async function ingressStandIn() {
  const requests: Recorded[] = []
  const ingresses: Record<string, unknown>[] = []
  const state = { mode: 'ok' as 'ok' | 'error500' | 'hangup' }
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      let json: any = null
      try {
        json = JSON.parse(body)
      } catch {}
      requests.push({ path: req.url ?? '', headers: req.headers, json })
      const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
      if (state.mode === 'hangup') return req.socket.destroy()
      if (state.mode === 'error500') return send(500, { code: 'internal', msg: 'boom' })
      if (req.url === '/twirp/livekit.Ingress/ListIngress') return send(200, { items: ingresses.filter((i) => !json?.roomName || i.roomName === json.roomName) })
      if (req.url === '/twirp/livekit.Ingress/CreateIngress') {
        const n = ingresses.length + 1
        const whip = json?.inputType === 'WHIP_INPUT'
        const info = { ingressId: `IN_${n}`, name: json?.name, streamKey: `key-${n}`, url: whip ? 'http://127.0.0.1/w' : 'rtmp://127.0.0.1/x', inputType: json?.inputType ?? 'RTMP_INPUT', roomName: json?.roomName, participantIdentity: json?.participantIdentity, participantName: json?.participantName }
        ingresses.push(info)
        return send(200, info)
      }
      send(404, { code: 'bad_route', msg: 'no such method' })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { port: (server.address() as AddressInfo).port, state, take: (path?: string) => requests.splice(0).filter((r) => !path || r.path === path), close: () => new Promise<void>((r) => server.close(() => r())) }
}

describe('stand-in: LiveKit Ingress is not run here — OBS ingress through the SDK', () => {
  let lk: Awaited<ReturnType<typeof ingressStandIn>>
  let t: TestApp
  let owner: Awaited<ReturnType<TestApp['recruiter']>>
  let jobId: string
  const verifier = new TokenVerifier(API_KEY, API_SECRET)

  beforeAll(async () => {
    lk = await ingressStandIn()
    t = await startTestApp({ LIVEKIT_URL: `ws://127.0.0.1:${lk.port}`, LIVEKIT_API_KEY: API_KEY, LIVEKIT_API_SECRET: API_SECRET })
    owner = await t.recruiter()
    jobId = (await t.call('POST', '/api/jobs', { cookie: owner.cookie, body: validJob() })).json.job.id
  })
  afterAll(async () => {
    await t?.stop()
    await lk?.close()
  })

  const newStream = async () => {
    const res = await t.call('POST', '/api/streams', { cookie: owner.cookie, body: { title: '探厂直播', scheduledAt: inHours(1), jobIds: [jobId] } })
    await t.call('POST', `/api/streams/${res.json.stream.id}/start`, { cookie: owner.cookie })
    return res.json.stream.id as string
  }
  const ingress = (id: string, body: unknown, cookie = owner.cookie) => t.call('POST', `/api/streams/${id}/ingress`, { cookie, body })

  it('creates an RTMP ingress into the stream’s room and returns {url, streamKey}; asking again reuses it', async () => {
    const id = await newStream()
    lk.take()
    const res = await ingress(id, { type: 'rtmp' })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ url: 'rtmp://127.0.0.1/x', streamKey: expect.stringMatching(/^key-\d+$/) })
    const sent = lk.take()
    expect(sent.map((r) => r.path)).toEqual(['/twirp/livekit.Ingress/ListIngress', '/twirp/livekit.Ingress/CreateIngress'])
    const create = sent[1]!
    expect(create.json).toMatchObject({ roomName: id, participantIdentity: `ingress_${id}`, participantName: expect.stringMatching(/^测试公司\d+$/) })
    expect(create.json.inputType ?? 'RTMP_INPUT').toBe('RTMP_INPUT') // proto3 JSON omits the zero enum
    const claims = await verifier.verify((create.headers.authorization ?? '').replace(/^Bearer /, ''))
    expect(claims.video?.ingressAdmin).toBe(true)
    expect((await ingress(id, { type: 'rtmp' })).json).toEqual(res.json)
    expect(lk.take().map((r) => r.path)).toEqual(['/twirp/livekit.Ingress/ListIngress'])
  })

  it('creates a WHIP ingress', async () => {
    const id = await newStream()
    lk.take()
    const res = await ingress(id, { type: 'whip' })
    expect(res.json.url).toBe('http://127.0.0.1/w')
    expect(lk.take('/twirp/livekit.Ingress/CreateIngress')[0]!.json).toMatchObject({ inputType: 'WHIP_INPUT', roomName: id, participantIdentity: `ingress_${id}` })
  })

  it('is for the owner only, with a valid type, on a stream that has not ended', async () => {
    const id = await newStream()
    const other = await t.recruiter()
    expect((await ingress(id, { type: 'rtmp' }, '')).status).toBe(401)
    expect((await ingress(id, { type: 'rtmp' }, other.cookie)).status).toBe(403)
    expect((await ingress(id, { type: 'rtmp' }, await t.organizer())).status).toBe(403)
    expect((await ingress(id, { type: 'srt' })).status).toBe(400)
    expect((await ingress('NO-SUCH-STREAM', { type: 'rtmp' })).status).toBe(404)
    await t.call('POST', `/api/streams/${id}/end`, { cookie: owner.cookie })
    expect((await ingress(id, { type: 'rtmp' })).status).toBe(409)
  })

  it('answers 503 (not 500) when Ingress fails or hangs up', async () => {
    const id = await newStream()
    try {
      for (const mode of ['error500', 'hangup'] as const) {
        lk.state.mode = mode
        const res = await ingress(id, { type: 'rtmp' })
        expect(res.status, `${mode}: ${res.text}`).toBe(503)
        expect(res.json.error.code).toBe('LIVEKIT_UNAVAILABLE')
        expect(res.headers.get('retry-after')).toBe('5')
      }
    } finally {
      lk.state.mode = 'ok'
    }
  })
})
