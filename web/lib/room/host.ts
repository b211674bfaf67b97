// The studio's "go live from the browser": camera + microphone, local preview, publish with
// the host token. Loaded with import() from the live panel only.
import { DisconnectReason, Room, RoomEvent, VideoPresets, createLocalAudioTrack, createLocalVideoTrack, type LocalAudioTrack, type LocalVideoTrack } from 'livekit-client'

export type Devices = { cameras: MediaDeviceInfo[]; mics: MediaDeviceInfo[] }

/** Cameras and microphones; names are only filled in once the browser has given permission. */
export async function listDevices(): Promise<Devices> {
  const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? []
  const real = (d: MediaDeviceInfo) => d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications'
  return { cameras: all.filter((d) => d.kind === 'videoinput' && real(d)), mics: all.filter((d) => d.kind === 'audioinput' && real(d)) }
}

export type Camera = {
  video: LocalVideoTrack
  audio: LocalAudioTrack | null
  deviceIds(): { camera?: string; mic?: string }
  preview(el: HTMLVideoElement): void
  use(kind: 'camera' | 'mic', deviceId: string): Promise<void>
  close(): void
}

export async function openCamera(ids: { camera?: string; mic?: string } = {}): Promise<Camera> {
  const video = await createLocalVideoTrack({ resolution: VideoPresets.h720.resolution, ...(ids.camera ? { deviceId: ids.camera } : {}) })
  let audio: LocalAudioTrack | null = null
  try {
    audio = await createLocalAudioTrack({ echoCancellation: true, noiseSuppression: true, ...(ids.mic ? { deviceId: ids.mic } : {}) })
  } catch {
    // No microphone (or refused): a silent picture is still worth sending.
  }
  return {
    video,
    audio,
    deviceIds: () => ({ camera: video.mediaStreamTrack.getSettings().deviceId, mic: audio?.mediaStreamTrack.getSettings().deviceId }),
    preview: (el) => void video.attach(el),
    async use(kind, deviceId) {
      // restartTrack swaps the source in place, also while published.
      if (kind === 'camera') await video.restartTrack({ deviceId, resolution: VideoPresets.h720.resolution })
      else if (audio) await audio.restartTrack({ deviceId })
    },
    close() {
      video.stop()
      audio?.stop()
    },
  }
}

export type BroadcastState = 'connecting' | 'live' | 'reconnecting' | 'stopped'
export type Broadcast = { stop(): Promise<void> }
export type Join = { serverUrl: string; token: string }

const MAX_DELAY = 15_000
/** Ways a room ends on purpose (the stream ended, the host was removed or joined elsewhere): no rejoin. */
const FINAL = [DisconnectReason.CLIENT_INITIATED, DisconnectReason.ROOM_DELETED, DisconnectReason.PARTICIPANT_REMOVED, DisconnectReason.DUPLICATE_IDENTITY, DisconnectReason.ROOM_CLOSED]

/**
 * Joins the stream's room with a host token and publishes the camera (and microphone). The
 * first join's failure is thrown; once live, a room LiveKit gave up on (the server restarted,
 * or was away longer than livekit-client retries) is joined again with a fresh token and the
 * camera republished, backing off, until it works or stop() is called: nobody has to be at the
 * studio's keyboard for the viewers to get the picture back.
 */
export async function broadcast(cam: Camera, token: () => Promise<Join>, onState: (s: BroadcastState) => void): Promise<Broadcast> {
  let stopping = false
  let room: Room | null = null
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  async function join(j: Join) {
    // The tracks outlive each room: the preview stays on and the next room republishes them.
    const r = new Room({ adaptiveStream: false, dynacast: true, stopLocalTrackOnUnpublish: false })
    let joined = false
    room = r
    r.on(RoomEvent.Reconnecting, () => onState('reconnecting'))
      .on(RoomEvent.Reconnected, () => onState('live'))
      .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        if (!joined || room !== r || stopping) return
        room = null
        if (reason !== undefined && FINAL.includes(reason)) onState('stopped')
        else rejoinLater()
      })
    try {
      await r.connect(j.serverUrl, j.token)
      // Simulcast: 720p plus 180p and 360p layers; each viewer asks for the one that fits its
      // screen and network (web/lib/room/layer.ts), so a slow phone plays 180p instead of stalling.
      await r.localParticipant.publishTrack(cam.video, {
        name: 'camera',
        simulcast: true,
        videoEncoding: VideoPresets.h720.encoding,
        videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
      })
      if (cam.audio) await r.localParticipant.publishTrack(cam.audio, { name: 'microphone' })
    } catch (err) {
      if (room === r) room = null
      r.removeAllListeners()
      await r.disconnect(false)
      throw err
    }
    if (stopping) return void (await r.disconnect(false))
    joined = true
    failures = 0
    onState('live')
  }

  function rejoinLater() {
    if (stopping) return
    onState('reconnecting')
    const delay = Math.min(MAX_DELAY, 1000 * 2 ** Math.min(failures, 4))
    failures++
    timer = setTimeout(async () => {
      try {
        const j = await token() // a fresh one: the old may have expired, and LiveKit may be new
        if (!stopping) await join(j)
      } catch {
        rejoinLater()
      }
    }, delay)
  }

  onState('connecting')
  await join(await token())
  return {
    async stop() {
      stopping = true
      clearTimeout(timer)
      const r = room
      room = null
      // Keep the tracks running: the preview stays on after the broadcast stops.
      await r?.disconnect(false)
      onState('stopped')
    },
  }
}
