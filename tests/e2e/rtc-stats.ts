import type { BrowserContext, Page } from 'playwright-core'

// What WebRTC itself says a page sends and receives (getStats), read from every
// RTCPeerConnection the page made: the app keeps its connections inside livekit-client, so an
// init script notes each one as it is created. Nothing is changed, only watched.

/** Call before the page loads. */
export async function recordPeerConnections(ctx: BrowserContext) {
  await ctx.addInitScript(() => {
    const seen: RTCPeerConnection[] = ((globalThis as { __pcs?: RTCPeerConnection[] }).__pcs = [])
    const Original = RTCPeerConnection
    const Recorded = function (this: unknown, ...args: ConstructorParameters<typeof RTCPeerConnection>) {
      const pc = new Original(...args)
      seen.push(pc)
      return pc
    } as unknown as typeof RTCPeerConnection
    Recorded.prototype = Original.prototype
    Object.setPrototypeOf(Recorded, Original) // static generateCertificate etc.
    globalThis.RTCPeerConnection = Recorded
  })
}

export type Layer = { rid: string; width: number; height: number; fps: number; active: boolean }

/** The simulcast layers the page is sending (outbound-rtp video), smallest first. */
export function sentLayers(p: Page): Promise<Layer[]> {
  return p.evaluate(async () => {
    const out: Layer[] = []
    for (const pc of (globalThis as { __pcs?: RTCPeerConnection[] }).__pcs ?? []) {
      if (pc.connectionState === 'closed') continue
      ;(await pc.getStats()).forEach((s) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video')
          out.push({ rid: s.rid ?? '', width: s.frameWidth ?? 0, height: s.frameHeight ?? 0, fps: s.framesPerSecond ?? 0, active: s.active !== false })
      })
    }
    return out.sort((a, b) => a.width - b.width)
  })
}

/** The width of the video frames the page is receiving now (the largest inbound-rtp video). */
export function receivedWidth(p: Page): Promise<number> {
  return p.evaluate(async () => {
    let w = 0
    for (const pc of (globalThis as { __pcs?: RTCPeerConnection[] }).__pcs ?? []) {
      if (pc.connectionState === 'closed') continue
      ;(await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && s.frameWidth) w = Math.max(w, s.frameWidth)
      })
    }
    return w
  })
}
