// The studio's "go live from the browser": camera + microphone, local preview, publish with
// the host token. Loaded with import() from the live panel only.
import { Room, RoomEvent, VideoPresets, createLocalAudioTrack, createLocalVideoTrack, type LocalAudioTrack, type LocalVideoTrack } from 'livekit-client'

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

/** Joins the stream's room with the host token and publishes the camera (and microphone). */
export async function broadcast(cam: Camera, join: { serverUrl: string; token: string }, onState: (s: BroadcastState) => void): Promise<Broadcast> {
  const room = new Room({ adaptiveStream: false, dynacast: true })
  let stopping = false
  room
    .on(RoomEvent.Reconnecting, () => onState('reconnecting'))
    .on(RoomEvent.Reconnected, () => onState('live'))
    .on(RoomEvent.Disconnected, () => {
      if (!stopping) onState('stopped')
    })
  onState('connecting')
  try {
    await room.connect(join.serverUrl, join.token)
    // Simulcast: 720p plus 180p and 360p layers; each viewer's adaptiveStream (and the server's
    // congestion control) picks one, so a slow phone plays the 180p layer instead of stalling.
    await room.localParticipant.publishTrack(cam.video, {
      name: 'camera',
      simulcast: true,
      videoEncoding: VideoPresets.h720.encoding,
      videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
    })
    if (cam.audio) await room.localParticipant.publishTrack(cam.audio, { name: 'microphone' })
  } catch (err) {
    stopping = true
    await room.disconnect(false)
    throw err
  }
  onState('live')
  return {
    async stop() {
      stopping = true
      // Keep the tracks running: the preview stays on after the broadcast stops.
      await room.disconnect(false)
      onState('stopped')
    },
  }
}
