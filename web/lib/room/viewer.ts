// Loaded with import() only once a stream is live: livekit-client stays out of the first load.
import { Room, RoomEvent, Track, type RemoteTrack, type RemoteTrackPublication } from 'livekit-client'
import { fitLayer } from './layer.ts'

export type VideoPhase = 'connecting' | 'waiting' | 'playing' | 'reconnecting' | 'failed' | 'disabled'

export type WatchHooks = {
  video: HTMLVideoElement
  audio: HTMLAudioElement
  /** A fresh join token for every (re)connect; viewer tokens are short-lived. */
  token: () => Promise<{ serverUrl: string; token: string }>
  /** True when the token failure means "no LiveKit here" (503 LIVEKIT_DISABLED): stop trying. */
  isDisabled: (err: unknown) => boolean
  /** Sound only (省流量): the video track is not subscribed at all, so no video bytes flow. */
  audioOnly: boolean
  onPhase: (p: VideoPhase) => void
  /** The room metadata carries the overlay state as JSON. */
  onMetadata: (json: string) => void
  onAudioBlocked: (blocked: boolean) => void
}

export type Watching = { stop(): void; retry(): void; startAudio(): Promise<void>; setAudioOnly(on: boolean): void }

const MAX_DELAY = 30_000

/** Joins the stream's room subscribe-only and plays the host's tracks; reconnects until stopped. */
export function watchRoom(h: WatchHooks): Watching {
  let stopped = false
  let room: Room | null = null
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let audioOnly = h.audioOnly
  /** Once the picture has played, a lost connection reads as "reconnecting", not "cannot connect". */
  let everJoined = false
  /** Stops keeping the subscribed picture's layer fitted (see layer.ts). */
  let unfit = () => {}

  const publications = (r: Room) => [...r.remoteParticipants.values()].flatMap((p) => [...p.trackPublications.values()])
  const wanted = (pub: RemoteTrackPublication) => pub.kind !== Track.Kind.Video || !audioOnly

  /** We subscribe ourselves (autoSubscribe off): sound always, the picture unless sound only. */
  function subscribe(r: Room) {
    for (const pub of publications(r)) if (pub.isSubscribed !== wanted(pub)) pub.setSubscribed(wanted(pub))
  }

  function refresh() {
    if (!room) return
    const pubs = publications(room)
    // Sound only plays as soon as the host publishes anything; otherwise the picture must be here.
    const on = audioOnly ? pubs.length > 0 : pubs.some((p) => p.kind === Track.Kind.Video && p.isSubscribed && p.track)
    h.onPhase(on ? 'playing' : 'waiting')
  }

  function later(phase: VideoPhase) {
    if (stopped) return
    clearTimeout(timer)
    h.onPhase(everJoined ? 'reconnecting' : phase)
    const delay = Math.min(MAX_DELAY, 1000 * 2 ** Math.min(failures, 5))
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
    if (failures === 0 && !everJoined) h.onPhase('connecting')
    let join: { serverUrl: string; token: string }
    try {
      join = await h.token()
    } catch (err) {
      if (h.isDisabled(err)) return h.onPhase('disabled')
      return later('failed')
    }
    if (stopped) return
    // adaptiveStream pauses video while it is hidden; the layer is chosen by fitLayer (the
    // picture's shown size, or the lowest on a weak network); dynacast stops layers nobody takes.
    const r = new Room({ adaptiveStream: true, dynacast: true })
    let joined = false
    room = r
    r.on(RoomEvent.TrackPublished, (pub) => {
      pub.setSubscribed(wanted(pub))
      refresh()
    })
      .on(RoomEvent.TrackSubscribed, (track: RemoteTrack, pub: RemoteTrackPublication) => {
        if (track.kind === Track.Kind.Video) {
          track.attach(h.video)
          unfit()
          unfit = fitLayer(r, pub, h.video)
        } else if (track.kind === Track.Kind.Audio) track.attach(h.audio)
        refresh()
      })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
        if (track.kind === Track.Kind.Video) unfit()
        track.detach()
        refresh()
      })
      .on(RoomEvent.TrackUnpublished, refresh)
      .on(RoomEvent.ParticipantDisconnected, refresh)
      .on(RoomEvent.Reconnecting, () => h.onPhase('reconnecting'))
      .on(RoomEvent.SignalReconnecting, () => h.onPhase('reconnecting'))
      .on(RoomEvent.Reconnected, () => {
        subscribe(r)
        refresh()
      })
      .on(RoomEvent.RoomMetadataChanged, (m: string) => h.onMetadata(m))
      .on(RoomEvent.AudioPlaybackStatusChanged, () => h.onAudioBlocked(!r.canPlaybackAudio))
      .on(RoomEvent.Disconnected, () => {
        // LiveKit gave up resuming (e.g. the server restarted) or closed the room: join again
        // with a new token, backing off, until it answers.
        if (!joined || room !== r) return
        unfit()
        room = null
        later('reconnecting')
      })
    try {
      await r.connect(join.serverUrl, join.token, { autoSubscribe: false })
    } catch {
      r.removeAllListeners()
      void r.disconnect()
      if (room === r) room = null
      return later('failed')
    }
    if (stopped || room !== r) return void r.disconnect()
    joined = true
    everJoined = true
    failures = 0
    if (r.metadata) h.onMetadata(r.metadata)
    h.onAudioBlocked(!r.canPlaybackAudio)
    subscribe(r)
    refresh()
  }

  void connect()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
      unfit()
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
    setAudioOnly(on) {
      audioOnly = on
      if (room) subscribe(room)
      refresh()
    },
  }
}
