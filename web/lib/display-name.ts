import { createSignal } from 'solid-js'
import { loadProfile } from './outbox.ts'
import { me } from './session.ts'

// The name a viewer comments under: 「平店乡·网友3721」 (the town from the last application's
// form, if any, and a random number), kept on the device and editable. A signed-in 服务站
// comments under its own name, so villagers know who speaks.

const KEY = 'zb.chatName'
const MAX = 20

/** 「商水县平店乡」 → 「平店乡」: the smallest place people say out loud. */
const place = (town?: string) => town?.trim().match(/([^省市县区]{1,6}(?:乡|镇|村|街道))$/)?.[1] ?? ''

function invent(): string {
  const n = 1000 + Math.floor(Math.random() * 9000)
  const town = place(loadProfile()?.town)
  return `${town ? `${town}·` : ''}网友${n}`
}

function stored(): string {
  try {
    const s = localStorage.getItem(KEY)?.trim()
    if (s) return s.slice(0, MAX)
    const made = invent()
    localStorage.setItem(KEY, made)
    return made
  } catch {
    return invent()
  }
}

const [name, setName] = createSignal(stored())

/** The name to send: a station's own, else this device's. */
export const chatName = () => {
  const u = me()?.user
  return u?.role === 'station' ? u.name : name()
}
export const isStation = () => me()?.user.role === 'station'

export function renameChat(next: string) {
  const clean = next.trim().slice(0, MAX)
  if (!clean) return
  setName(clean)
  try {
    localStorage.setItem(KEY, clean)
  } catch {}
}
