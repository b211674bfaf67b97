// Bench child: one rtc-node participant publishing a synthetic camera whose frames carry the
// publisher's clock (barcode.ts). Its own process, so its frame pacing never waits on the
// subscribers' event loop. IPC: {type:'start', url, token, width, height, fps} → {type:'started'};
// {type:'sent'} → {sent}: frames handed to the encoder so far.
import { LocalVideoTrack, Room, TrackPublishOptions, TrackSource, VideoBufferType, VideoFrame, VideoSource, dispose } from '@livekit/rtc-node'
import { drawClock } from './barcode.ts'

type Start = { type: 'start'; id: number; url: string; token: string; width: number; height: number; fps: number }

let room: Room | null = null
let sent = 0
let stopped = false
process.on('disconnect', () => process.exit(0))

async function start(m: Start) {
  room = new Room()
  await room.connect(m.url, m.token, { autoSubscribe: false, dynacast: false })
  const source = new VideoSource(m.width, m.height)
  const track = LocalVideoTrack.createVideoTrack('bench-camera', source)
  await room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: false }))
  const pixels = new Uint8Array((m.width * m.height * 3) / 2)
  const t0 = Date.now()
  const tick = () => {
    if (stopped) return
    const now = Date.now()
    drawClock(pixels, m.width, m.height, now)
    source.captureFrame(new VideoFrame(pixels, m.width, m.height, VideoBufferType.I420), BigInt(now) * 1000n)
    sent++
    // Paced against the start, so a late tick does not slow the whole stream down.
    setTimeout(tick, Math.max(0, t0 + ((sent + 1) * 1000) / m.fps - Date.now()))
  }
  tick()
}

process.on('message', async (m: { type: string; id: number }) => {
  try {
    if (m.type === 'start') {
      await start(m as Start)
      process.send!({ type: 'started', id: m.id })
    } else if (m.type === 'sent') process.send!({ type: 'sent', id: m.id, sent })
    else if (m.type === 'exit') {
      stopped = true
      await room?.disconnect().catch(() => {})
      await dispose()
      process.exit(0)
    }
  } catch (err) {
    process.send!({ type: 'error', id: m.id, message: String(err) })
  }
})
process.send!({ type: 'ready' })
