// Loaded with import() only once a stream is live: livekit-client stays out of the first load.
import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client'

export type VideoPhase = 'connecting' | 'waiting' | 'playing' | 'reconnecting' | 'failed' | 'disabled'

export type WatchHooks = {
  video: HTMLVideoElement
  audio: HTMLAudioElement
  /** A fresh join token for every (re)connect; viewer tokens are short-lived. */
  token: () => Promise<{ serverUrl: string; token: string }>
  /** True when the token failure means "no LiveKit here" (503 LIVEKIT_DISABLED): stop trying. */
  isDisabled: (err: unknown) => boolean
  onPhase: (p: VideoPhase) => void
  /** The room metadata carries the overlay state as JSON. */
  onMetadata: (json: string) => void
  onAudioBlocked: (blocked: boolean) => void
}

export type Watching = { stop(): void; retry(): void; startAudio(): Promise<void> }

const MAX_DELAY = 30_000

/** Joins the stream's room subscribe-only and plays the host's tracks; reconnects until stopped. */
export function watchRoom(h: WatchHooks): Watching {
  let stopped = false
  let room: Room | null = null
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  function refresh() {
    if (!room) return
    const video = [...room.remoteParticipants.values()].some((p) => [...p.videoTrackPublications.values()].some((pub) => pub.isSubscribed && pub.track))
    h.onPhase(video ? 'playing' : 'waiting')
  }

  function later(phase: VideoPhase) {
    if (stopped) return
    clearTimeout(timer)
    h.onPhase(phase)
    const delay = Math.min(MAX_DELAY, 2000 * 2 ** Math.min(failures, 4))
    failures++
    timer = setTimeout(() => void connect(), delay)
  }

  let busy = false
  async function connect() {
    timer = undefined
    if (stopped || busy) return
    busy = true
    try {
      await attempt()
    } finally {
      busy = false
    }
  }

  async function attempt() {
    if (failures === 0) h.onPhase('connecting')
    let join: { serverUrl: string; token: string }
    try {
      join = await h.token()
    } catch (err) {
      if (h.isDisabled(err)) return h.onPhase('disabled')
      return later('failed')
    }
    if (stopped) return
    const r = new Room({ adaptiveStream: true, dynacast: false })
    let joined = false
    room = r
    r.on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Video) track.attach(h.video)
      else if (track.kind === Track.Kind.Audio) track.attach(h.audio)
      refresh()
    })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
        track.detach()
        refresh()
      })
      .on(RoomEvent.ParticipantDisconnected, refresh)
      .on(RoomEvent.Reconnecting, () => h.onPhase('reconnecting'))
      .on(RoomEvent.Reconnected, refresh)
      .on(RoomEvent.RoomMetadataChanged, (m: string) => h.onMetadata(m))
      .on(RoomEvent.AudioPlaybackStatusChanged, () => h.onAudioBlocked(!r.canPlaybackAudio))
      .on(RoomEvent.Disconnected, () => {
        // LiveKit gave up resuming (or the server closed the room): join again with a new token.
        if (!joined || room !== r) return
        room = null
        later('reconnecting')
      })
    try {
      await r.connect(join.serverUrl, join.token, { autoSubscribe: true })
    } catch {
      r.removeAllListeners()
      void r.disconnect()
      if (room === r) room = null
      return later('failed')
    }
    if (stopped || room !== r) return void r.disconnect()
    joined = true
    failures = 0
    if (r.metadata) h.onMetadata(r.metadata)
    h.onAudioBlocked(!r.canPlaybackAudio)
    refresh()
  }

  void connect()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
      const r = room
      room = null
      void r?.disconnect()
    },
    retry() {
      if (stopped || room || busy) return
      failures = 0
      clearTimeout(timer)
      void connect()
    },
    startAudio: async () => {
      await room?.startAudio()
    },
  }
}
