import type { Redis } from 'ioredis'
import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from '@livekit/rtc-node'
import type { Config } from '../env.ts'
import { keys } from '../store/keys.ts'
import { getUserByEmail } from '../store/users.ts'
import { hostToken } from '../livekit/tokens.ts'
import { demoCompanies } from './data.ts'
import { drawScene, type Scene } from './scene.ts'

// The demo's live stream is fed by a real LiveKit participant (@livekit/rtc-node) publishing a
// generated scene and a quiet tone as the demo recruiter, so `npm start` shows a live room, not
// a dark screen. Loaded only when DEMO is on and LiveKit is enabled (its native part is large).

export type BroadcastOptions = { width?: number; height?: number; fps?: number; background?: Scene['background']; audio?: boolean }
export type Broadcast = { room: Room; framesSent(): number; stop(): Promise<void> }

const SAMPLE_RATE = 48_000
const AUDIO_FRAME_MS = 100

/** A quiet 440 Hz tone, so the viewer's sound path (and its autoplay tap) has something to play. */
function tone(startSample: number): AudioFrame {
  const n = (SAMPLE_RATE * AUDIO_FRAME_MS) / 1000
  const data = new Int16Array(n)
  for (let i = 0; i < n; i++) data[i] = Math.round(600 * Math.sin((2 * Math.PI * 440 * (startSample + i)) / SAMPLE_RATE))
  return new AudioFrame(data, SAMPLE_RATE, 1, n)
}

/** Joins `url` with `token` and publishes the scene (and tone) until stopped. */
export async function broadcast(url: string, token: string, opts: BroadcastOptions = {}): Promise<Broadcast> {
  const scene: Scene = { width: opts.width ?? 640, height: opts.height ?? 360, background: opts.background ?? [20, 70, 140] }
  const room = new Room()
  await room.connect(url, token, { autoSubscribe: false, dynacast: true })
  const video = new VideoSource(scene.width, scene.height)
  const camera = LocalVideoTrack.createVideoTrack('demo-camera', video)
  await room.localParticipant!.publishTrack(camera, new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: true }))

  const pixels = new Uint8Array(scene.width * scene.height * 4)
  let sent = 0
  const timer = setInterval(() => {
    drawScene(pixels, scene, Date.now())
    video.captureFrame(new VideoFrame(pixels, scene.width, scene.height, VideoBufferType.RGBA), BigInt(Date.now()) * 1000n)
    sent++
  }, 1000 / (opts.fps ?? 15))

  let stopped = false
  let audioLoop: Promise<void> = Promise.resolve()
  const audio = opts.audio === false ? null : new AudioSource(SAMPLE_RATE, 1)
  if (audio) {
    const mic = LocalAudioTrack.createAudioTrack('demo-tone', audio)
    await room.localParticipant!.publishTrack(mic, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }))
    // captureFrame resolves once the source has room again, which paces this loop in real time.
    audioLoop = (async () => {
      for (let at = 0; !stopped; at += (SAMPLE_RATE * AUDIO_FRAME_MS) / 1000) await audio.captureFrame(tone(at)).catch(() => {})
    })()
  }

  return {
    room,
    framesSent: () => sent,
    async stop() {
      stopped = true
      clearInterval(timer)
      // A server that went away may never answer the goodbye, nor take the last audio frame.
      const atMost = (p: Promise<unknown>) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, 3000))])
      await atMost(room.disconnect())
      await atMost(audioLoop)
      await video.close().catch(() => {})
      await audio?.close().catch(() => {})
    },
  }
}

/** The demo companies' live streams, with the recruiter who hosts each. */
async function demoLiveStreams(redis: Redis) {
  const found: { streamId: string; user: { id: string; name: string } }[] = []
  for (const demo of demoCompanies) {
    const user = await getUserByEmail(redis, demo.email)
    if (!user?.companyId) continue
    for (const streamId of await redis.zrange(keys.streams('live', { companyId: user.companyId }), '0', '-1')) found.push({ streamId, user })
  }
  return found
}

/**
 * Feeds every live demo stream. Returns at once; a broadcast that cannot start is logged and
 * skipped (the demo runs on without that picture).
 */
export async function startDemoBroadcaster(config: Config, redis: Redis, log: (m: string) => void): Promise<{ stop(): Promise<void> }> {
  const running: Broadcast[] = []
  for (const { streamId, user } of await demoLiveStreams(redis)) {
    try {
      const join = await hostToken(config, { id: streamId }, user)
      running.push(await broadcast(join.serverUrl, join.token))
      log(`demo broadcaster: publishing into live stream ${streamId} as ${user.name}`)
    } catch (err) {
      log(`demo broadcaster: could not feed ${streamId}: ${(err as Error).message}`)
    }
  }
  return { stop: async () => void (await Promise.all(running.map((b) => b.stop()))) }
}
