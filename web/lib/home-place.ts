import { createSignal } from 'solid-js'
import type { Spot } from '../../schemas/gazetteer/distance.ts'

// Where the viewer lives, picked once and remembered on this phone only (never sent): a gazetteer
// town (code, name and its point) or the phone's position (rounded to about 1 km). The room's job
// cards measure from it (web/lib/job-words.ts) and the job list sorts by it.

export type Home = Spot & { name: string }

const KEY = 'zb.home'

function load(): Home | null {
  try {
    const h = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Home | null
    return h && typeof h.name === 'string' ? h : null
  } catch {
    return null
  }
}

const [home, setHomeSignal] = createSignal<Home | null>(typeof localStorage === 'undefined' ? null : load())

export { home }

export function setHome(h: Home | null) {
  try {
    if (h) localStorage.setItem(KEY, JSON.stringify(h))
    else localStorage.removeItem(KEY)
  } catch {}
  setHomeSignal(h)
}

/** A device position kept to two decimals: enough for 「约 12 公里」, not an address. */
export const devicePlace = (lat: number, lng: number, name: string): Home => ({ name, lat: Math.round(lat * 100) / 100, lng: Math.round(lng * 100) / 100, coordsOf: 'device' })
