// Which simulcast layer a viewer asks LiveKit for. adaptiveStream alone sizes the request by the
// <video> element's box, and a full-screen phone's box is 360×740: for a landscape camera LiveKit
// compares heights and sends 720p, though only a 360×203 picture shows. So we ask for the picture
// that actually shows, and for the lowest layer when the phone says its network is weak.
import { ConnectionQuality, RoomEvent, VideoQuality, type RemoteTrackPublication, type Room } from 'livekit-client'

type NetInfo = { downlink?: number; effectiveType?: string; saveData?: boolean } & EventTarget
const netInfo = () => (navigator as { connection?: NetInfo }).connection

/**
 * The phone's own network report (Chrome on Android measures it): data saver on, a 2g/3g
 * class link, or under 1 Mbps down. Browsers without it (Safari) rely on connection quality.
 */
export function weakNetwork(): boolean {
  const c = netInfo()
  if (!c) return false
  return c.saveData === true || ['slow-2g', '2g', '3g'].includes(c.effectiveType ?? '') || (c.downlink !== undefined && c.downlink > 0 && c.downlink < 1)
}

/** The size in CSS pixels of the picture on screen: the box, less object-fit's letterbox. */
export function shownSize(el: HTMLVideoElement, video: { width: number; height: number }) {
  const [bw, bh] = [el.clientWidth, el.clientHeight]
  if (!video.width || !video.height) return { width: bw, height: bh }
  const fit = getComputedStyle(el).objectFit
  const scale = fit === 'cover' ? Math.max(bw / video.width, bh / video.height) : Math.min(bw / video.width, bh / video.height)
  // "cover" crops: what must be sent is the full picture scaled to cover the box.
  return { width: Math.round(video.width * scale), height: Math.round(video.height * scale) }
}

/**
 * Keeps `pub`'s requested layer fitted to what `el` shows (at most 1 device pixel per CSS pixel
 * on a phone-sized screen: bandwidth is dearer there than sharpness), or the lowest layer while
 * the network is weak or LiveKit rates our connection poor. Returns the cleanup.
 */
export function fitLayer(room: Room, pub: RemoteTrackPublication, el: HTMLVideoElement): () => void {
  const phone = Math.min(screen.width, screen.height) <= 480
  const density = Math.min(devicePixelRatio || 1, phone ? 1 : 2)
  const poor = () => [ConnectionQuality.Poor, ConnectionQuality.Lost].includes(room.localParticipant.connectionQuality)

  function apply() {
    if (!pub.isSubscribed) return
    if (weakNetwork() || poor()) return pub.setVideoQuality(VideoQuality.LOW)
    const source = pub.dimensions ?? { width: el.videoWidth, height: el.videoHeight }
    const shown = shownSize(el, source)
    if (shown.width && shown.height) pub.setVideoDimensions({ width: Math.ceil(shown.width * density), height: Math.ceil(shown.height * density) })
  }

  const resized = new ResizeObserver(apply)
  resized.observe(el)
  el.addEventListener('resize', apply) // the camera turned (portrait ↔ landscape)
  netInfo()?.addEventListener('change', apply)
  room.on(RoomEvent.ConnectionQualityChanged, apply)
  apply()
  return () => {
    resized.disconnect()
    el.removeEventListener('resize', apply)
    netInfo()?.removeEventListener('change', apply)
    room.off(RoomEvent.ConnectionQualityChanged, apply)
  }
}
