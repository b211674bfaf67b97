// npm run bench video — real video through a real livekit-server on this machine (loopback only):
//   (a) open /watch/:id in Chromium (phone viewport, fresh profile each time) → first decoded frame
//   (b) glass-to-glass: an rtc-node publisher draws its clock into each frame, an rtc-node
//       subscriber reads it back (one machine, one clock)
//   (c) rtc-node subscribers one livekit-server holds before frames received fall below 90 % of
//       those sent, with the platform's own CPU per viewer (its SSE + beacons) alongside
// against the HLS anchor (Owncast's documented latency, quoted, not measured). Floors (issue 10):
// first frame p95 ≤ 3 s, glass-to-glass p99 ≤ 400 ms; missing one exits non-zero.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, request } from 'playwright-core'
import { AccessToken } from 'livekit-server-sdk'
import { Room, RoomEvent, TrackKind, VideoBufferType, VideoStream, dispose, type RemoteTrack } from '@livekit/rtc-node'
import { build } from 'vite'
import { CHROMIUM } from '../e2e/browser.ts'
import { livekitBinary, startLivekit, type TestLivekit } from '../helpers/livekit.ts'
import { startRedis } from '../helpers/redis.ts'
import { forkChild, type Child } from './child.ts'
import { readClock, since } from './video/barcode.ts'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!
}

const JOINS = 20
const G2G_FRAMES = 300
const STEPS = [8, 16, 32, 48, 64]
const WINDOW_MS = 6000
const CAPACITY_BUDGET_MS = 100_000
const FLOOR = { firstFrameP95: 3000, g2gP99: 400 }
const ORGANIZER = { email: 'organizer@bench.local', password: 'organizer-pass-1' }

async function mint(lk: TestLivekit, room: string, identity: string, publish: boolean) {
  const at = new AccessToken(lk.apiKey, lk.apiSecret, { identity, ttl: 3600 })
  at.addGrant({ room, roomJoin: true, canPublish: publish, canSubscribe: !publish, canPublishData: false })
  return at.toJwt()
}

/** A recruiter, approved, with one job and one stream, started: what a viewer opens. */
async function liveStream(baseURL: string): Promise<string> {
  const ok = async (res: { ok(): boolean; status(): number; text(): Promise<string>; json(): Promise<any> }, what: string) => {
    if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`)
    return res.json()
  }
  const hr = await request.newContext({ baseURL })
  const org = await request.newContext({ baseURL })
  try {
    const email = 'hr@bench.local'
    await ok(await hr.post('/api/auth/register', { data: { email, password: 'recruit-pass-1', name: '王经理', companyName: '测速服饰有限公司' } }), 'register')
    await ok(await org.post('/api/auth/login', { data: ORGANIZER }), 'organizer login')
    const pending = await ok(await org.get('/api/admin/recruiters?status=pending'), 'pending')
    await ok(await org.post(`/api/admin/recruiters/${pending.items.find((u: { email: string }) => u.email === email).id}/approve`), 'approve')
    await ok(await hr.post('/api/auth/login', { data: { email, password: 'recruit-pass-1' } }), 'login')
    const { job } = await ok(await hr.post('/api/jobs', { data: { title: '缝纫工', pay: { min: 4500, max: 6500, unit: 'month' }, headcount: 3, location: { town: '商水县' }, tags: [] } }), 'job')
    const { stream } = await ok(await hr.post('/api/streams', { data: { title: '测速直播', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), jobIds: [job.id] } }), 'stream')
    await ok(await hr.post(`/api/streams/${stream.id}/start`), 'start')
    return stream.id
  } finally {
    await hr.dispose()
    await org.dispose()
  }
}

async function publisher(lk: TestLivekit, room: string, identity: string, size: { width: number; height: number; fps: number }): Promise<Child> {
  const child = forkChild(here('./video/publisher.ts'), {})
  await child.waitFor((m) => m.type === 'ready', 20_000)
  const res = await child.call<{ type: string; message?: string }>({ type: 'start', url: lk.url, token: await mint(lk, room, identity, true), ...size }, 20_000)
  if (res.type !== 'started') throw new Error(`publisher: ${res.message}`)
  return child
}

const FIRST_FRAME_PROBE = `(() => {
  const poll = () => {
    const v = document.querySelector('.stage video')
    if (v && v.getVideoPlaybackQuality().totalVideoFrames > 0) window.__firstFrame = performance.now()
    else setTimeout(poll, 5)
  }
  poll()
})()`

/** (a) Each join a fresh phone profile (cold cache), timed by the page itself from navigation start. */
async function firstFrames(url: string): Promise<number[]> {
  const browser = await chromium.launch(CHROMIUM)
  const out: number[] = []
  try {
    for (let i = 0; i < JOINS + 1; i++) {
      const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
      // A string, not a function: tsx's transform would add helpers the page does not have.
      await ctx.addInitScript(FIRST_FRAME_PROBE)
      const page = await ctx.newPage()
      if (process.env.VIDEO_DEBUG) page.on('console', (m) => console.log(`[page] ${m.text().slice(0, 300)}`))
      await page.goto(url)
      const ms = (await (await page.waitForFunction(() => (window as any).__firstFrame as number, null, { timeout: 20_000 }).catch(async (e) => {
        throw new Error(`no first frame on ${url} within 20 s (stage: ${await page.locator('.stage').getAttribute('data-phase').catch(() => '?')})`, { cause: e })
      })).jsonValue()) as number
      if (i > 0) out.push(ms) // the first join warms livekit-server and the OS file cache
      await ctx.close()
    }
  } finally {
    await browser.close()
  }
  return out
}

type Sub = { room: Room; frames: number; stop(): Promise<void> }

/** An rtc-node subscriber; `onFrame` sees each decoded frame as it arrives. */
async function subscriber(lk: TestLivekit, roomName: string, identity: string, onFrame?: (f: import('@livekit/rtc-node').VideoFrame) => void): Promise<Sub> {
  const room = new Room()
  let reader: ReadableStreamDefaultReader<import('@livekit/rtc-node').VideoFrameEvent> | null = null
  const sub: Sub = {
    room,
    frames: 0,
    async stop() {
      // Stop reading before leaving: a stream read after its room is gone drops a dead handle.
      await reader?.cancel().catch(() => {})
      await room.disconnect().catch(() => {})
    },
  }
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
    if (track.kind !== TrackKind.KIND_VIDEO || reader) return
    const r = (reader = new VideoStream(track).getReader())
    void (async () => {
      for (;;) {
        const { done, value } = await r.read()
        if (done) return
        sub.frames++
        onFrame?.(value.frame)
      }
    })().catch(() => {})
  })
  await room.connect(lk.url, await mint(lk, roomName, identity, false), { autoSubscribe: true, dynacast: false })
  return sub
}

/** When the frame was sent (the publisher's clock in its pixels), or null if unreadable. */
function sentAt(frame: import('@livekit/rtc-node').VideoFrame, now: number): number | null {
  const f = frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420)
  const sent = readClock(f.getPlane(0) as Uint8Array, f.width, f.height)
  return sent === null ? null : now - since(sent, now)
}

/** (b) Latency of each frame: the clock read from its pixels against this process's clock. */
async function glassToGlass(lk: TestLivekit, roomName: string): Promise<{ ms: number[]; unreadable: number }> {
  const ms: number[] = []
  let unreadable = 0
  let seen = 0
  let done!: () => void
  const enough = new Promise<void>((r) => (done = r))
  const sub = await subscriber(lk, roomName, 'bench-g2g', (frame) => {
    const now = Date.now()
    if (++seen <= 30) return // the first second: join, keyframe, bandwidth ramp-up
    const at = sentAt(frame, now)
    if (at === null) unreadable++
    else ms.push(now - at)
    if (ms.length >= G2G_FRAMES) done()
  })
  try {
    await Promise.race([enough, sleep(40_000)])
  } finally {
    await sub.stop()
  }
  return { ms, unreadable }
}

/** One viewer's load on the platform: the live overlay over SSE and beacons at the page's cadence. */
function platformViewer(url: string, streamId: string, i: number) {
  const ac = new AbortController()
  void fetch(`${url}/api/streams/${streamId}/live/events`, { signal: ac.signal })
    .then(async (res) => {
      const reader = res.body!.getReader()
      while (!(await reader.read()).done) {}
    })
    .catch(() => {})
  const ids = { streamId, viewerId: `benchviewer${i.toString().padStart(6, '0')}`, sessionId: `benchsession${i.toString().padStart(6, '0')}` }
  let seq = 0
  const send = (type: 'join' | 'beat', watchedMs?: number) =>
    fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sentAt: Date.now(), events: [{ id: `${ids.sessionId}-${++seq}`, type, ...ids, at: Date.now(), ...(watchedMs ? { watchedMs } : {}) }] }),
      signal: ac.signal,
    }).catch(() => {})
  void send('join')
  const beat = setInterval(() => void send('beat', 15_000), 15_000)
  return () => {
    clearInterval(beat)
    ac.abort()
  }
}

type Step = { n: number; mean: number; min: number; lagP50: number; apiCoreShare: number }

/**
 * (c) Adds subscribers step by step until the frames they get fall below 90 % of those sent.
 * A frame counts for the window it was sent in (its barcode), however late it arrives within
 * a grace period: a backlog in this process neither inflates one window nor empties the next.
 */
async function capacity(lk: TestLivekit, roomName: string, pub: Child, platform: Child, url: string, streamId: string): Promise<{ steps: Step[]; idleCoreShare: number }> {
  const subs: { sub: Sub; sent: number[]; lag: number[] }[] = []
  const viewers: (() => void)[] = []
  const sent = async () => (await pub.call<{ sent: number }>({ type: 'sent' }, 5000)).sent
  const cpu = async () => (await platform.call<{ cpu: number }>({ type: 'cpu' }, 5000)).cpu
  const steps: Step[] = []
  const began = Date.now()
  await cpu()
  await sleep(WINDOW_MS)
  const idleCoreShare = (await cpu()) / 1000 / WINDOW_MS
  const add = async (i: number) => {
    const rec = { sent: [] as number[], lag: [] as number[] }
    const sub = await subscriber(lk, roomName, `bench-sub-${i}`, (frame) => {
      const now = Date.now()
      const at = sentAt(frame, now)
      if (at !== null) (rec.sent.push(at), rec.lag.push(now - at))
    })
    return { sub, ...rec }
  }
  try {
    for (const n of STEPS) {
      while (subs.length < n) {
        const batch = Array.from({ length: Math.min(8, n - subs.length) }, (_, k) => subs.length + k)
        subs.push(...(await Promise.all(batch.map(add))))
        for (const i of batch) viewers.push(platformViewer(url, streamId, i))
      }
      const settle = Date.now()
      while (subs.some((s) => s.sub.frames === 0) && Date.now() - settle < 20_000) await sleep(200)
      await sleep(1000)
      for (const s of subs) (s.sent.length = 0), (s.lag.length = 0)
      const s0 = await sent()
      const w0 = Date.now()
      await cpu()
      await sleep(WINDOW_MS)
      const used = await cpu()
      const s1 = await sent()
      const w1 = Date.now()
      await sleep(2000) // grace for frames sent in the window that are still on their way
      const ratios = subs.map((s) => s.sent.filter((t) => t >= w0 && t < w1).length / (s1 - s0))
      const lags = subs.flatMap((s) => s.lag)
      const step = { n, mean: ratios.reduce((a, b) => a + b, 0) / n, min: Math.min(...ratios), lagP50: lags.length ? quantile(lags, 0.5) : NaN, apiCoreShare: used / 1000 / WINDOW_MS }
      steps.push(step)
      console.log(
        `  ${n} subscribers: ${(step.mean * 100).toFixed(1)} % of sent frames received (worst ${(step.min * 100).toFixed(1)} %), glass-to-glass p50 ${step.lagP50.toFixed(0)} ms, platform CPU ${(step.apiCoreShare * 100).toFixed(1)} % of a core`,
      )
      if (step.mean < 0.9 || Date.now() - began > CAPACITY_BUDGET_MS) break
    }
  } finally {
    for (const stop of viewers) stop()
    for (const s of subs) await s.sub.stop()
  }
  return { steps, idleCoreShare }
}

export async function benchVideo() {
  if (!livekitBinary()) {
    console.log('NOT RUN: no livekit-server on PATH and none built (bash scripts/livekit-server.sh builds the pinned one with Go)')
    process.exitCode = 1
    return
  }
  if (!existsSync('web/dist/index.html')) await build({ logLevel: 'warn' })
  const redis = await startRedis()
  const lk = await startLivekit()
  const platform = forkChild(here('./video/platform.ts'), {
    REDIS_URL: redis.url,
    LIVEKIT_URL: lk.url,
    LIVEKIT_API_KEY: lk.apiKey,
    LIVEKIT_API_SECRET: lk.apiSecret,
    ORGANIZER_EMAIL: ORGANIZER.email,
    ORGANIZER_PASSWORD: ORGANIZER.password,
  })
  const children: Child[] = [platform]
  try {
    const { url } = await platform.waitFor<{ url: string }>((m) => m.type === 'ready', 60_000)
    const streamId = await liveStream(url)
    const cam = await publisher(lk, streamId, 'bench-camera', { width: 640, height: 360, fps: 30 })
    children.push(cam)

    console.log(`(a) ${JOINS} joins of /watch/:id…`)
    const first = await firstFrames(`${url}/watch/${streamId}`)
    console.log(`(b) glass-to-glass over ${G2G_FRAMES} frames…`)
    const g2g = await glassToGlass(lk, streamId)
    await cam.stop()
    // (c) at the lowest simulcast layer a weak phone gets, so the load is the server's, not
    // this process copying full frames.
    console.log('(c) subscribers at 320×180, 15 fps…')
    const low = await publisher(lk, streamId, 'bench-camera-low', { width: 320, height: 180, fps: 15 })
    children.push(low)
    const cap = await capacity(lk, streamId, low, platform, url, streamId)

    const held = cap.steps.filter((s) => s.mean >= 0.9)
    const top = held.at(-1)
    const fell = cap.steps.find((s) => s.mean < 0.9)
    const perViewer = top ? ((top.apiCoreShare - cap.idleCoreShare) / top.n) * 1000 : NaN // ms CPU per s per viewer
    const r = {
      ff50: quantile(first, 0.5),
      ff95: quantile(first, 0.95),
      g50: g2g.ms.length ? quantile(g2g.ms, 0.5) : NaN,
      g99: g2g.ms.length ? quantile(g2g.ms, 0.99) : NaN,
    }
    const okFirst = first.length >= JOINS && r.ff95 <= FLOOR.firstFrameP95
    const okG2g = g2g.ms.length >= G2G_FRAMES && r.g99 <= FLOOR.g2gP99
    const rows = [
      ['measure', 'WebRTC via livekit-server (measured here)', 'HLS anchor: Owncast (documented, not measured)', 'floor', ''],
      [`(a) open /watch/:id → first frame, ${first.length} joins`, `p50 ${r.ff50.toFixed(0)} ms · p95 ${r.ff95.toFixed(0)} ms`, 'player start + 6–20 s behind live', 'p95 ≤ 3000 ms', okFirst ? 'ok' : 'MISSED'],
      [
        `(b) glass-to-glass, ${g2g.ms.length} frames (${g2g.unreadable} unreadable)`,
        `p50 ${r.g50.toFixed(0)} ms · p99 ${r.g99.toFixed(0)} ms`,
        '6–20 s',
        'p99 ≤ 400 ms',
        okG2g ? 'ok' : 'MISSED',
      ],
      [
        '(c) rtc-node subscribers held (≥ 90 % of frames, 320×180@15)',
        top ? `${fell ? '' : '≥ '}${top.n}${fell ? ` (at ${fell.n}: ${(fell.mean * 100).toFixed(0)} %)` : ''}` : `< ${STEPS[0]}`,
        'CDN-bound (no per-viewer server)',
        '—',
        '',
      ],
      [
        '(c) platform CPU per viewer (SSE + beacons)',
        top ? `${perViewer.toFixed(2)} ms/s (${(perViewer / 10).toFixed(3)} % of a core) at ${top.n} viewers; idle ${(cap.idleCoreShare * 100).toFixed(1)} %` : 'n/a',
        '—',
        '—',
        '',
      ],
    ]
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => [...row[c]!].length)))
    console.log('')
    for (const row of rows) console.log(`| ${row.map((cell, c) => cell + ' '.repeat(widths[c]! - [...cell].length)).join(' | ')} |`)
    console.log('\nOwncast documents 6–20 s of HLS latency (owncast.online docs, "Latency"); quoted, not measured here.')
    if (!okFirst || !okG2g) process.exitCode = 1
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => {})
    await dispose().catch(() => {})
    await lk.stop()
    await redis.stop()
  }
}
