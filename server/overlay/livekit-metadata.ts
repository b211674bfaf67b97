import type { Redis } from 'ioredis'
import type { Config } from '../env.ts'
import { keys } from '../store/keys.ts'
import type { OverlayState } from '../store/overlay.ts'
import { updateRoomMetadata } from '../livekit/rooms.ts'

const WINDOW_MS = 1000

/**
 * Mirrors overlay states into LiveKit room metadata (the third delivery path), at most once
 * per second per stream across all processes, always ending on the latest state.
 */
export function createMetadataPusher(config: Config, redis: Redis, log: (m: string) => void = () => {}) {
  const waiting = new Map<string, OverlayState>()
  const timers = new Map<string, NodeJS.Timeout>()

  async function push(streamId: string) {
    timers.delete(streamId)
    const state = waiting.get(streamId)
    if (!state) return
    // Another process pushed within the window: try again when it closes.
    const won = await redis.set(keys.metadataPush(streamId), String(state.version), 'PX', WINDOW_MS, 'NX').catch(() => null)
    if (won !== 'OK') return later(streamId)
    waiting.delete(streamId)
    await updateRoomMetadata(config, streamId, JSON.stringify(state)).catch((err: Error) => log(`room metadata for ${streamId}: ${err.message}`))
    if (waiting.has(streamId)) later(streamId) // changed while we were pushing
  }

  function later(streamId: string) {
    if (timers.has(streamId)) return
    const timer = setTimeout(() => void push(streamId), WINDOW_MS)
    timer.unref()
    timers.set(streamId, timer)
  }

  return {
    onState(streamId: string, state: OverlayState) {
      if (state.status !== 'live') return // no room to update before or after the show
      const prior = waiting.get(streamId)
      if (!prior || prior.version < state.version) waiting.set(streamId, state)
      if (!timers.has(streamId)) void push(streamId)
    },
    close() {
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    },
  }
}
