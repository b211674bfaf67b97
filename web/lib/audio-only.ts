import { createSignal } from 'solid-js'

// 省流量·只听声音: a phone on a weak or metered network keeps the sound and drops the picture.
// Remembered per device (localStorage), so the next live room starts the same way.

const KEY = 'zb.audioOnly'

function stored(): boolean {
  try {
    return localStorage.getItem(KEY) === '1'
  } catch {
    return false // private mode: per page view
  }
}

const [audioOnly, setSignal] = createSignal(stored())

/** Whether this device asked for sound only. */
export { audioOnly }

export function setAudioOnly(on: boolean) {
  setSignal(on)
  try {
    if (on) localStorage.setItem(KEY, '1')
    else localStorage.removeItem(KEY)
  } catch {}
}
