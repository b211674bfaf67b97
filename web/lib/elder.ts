import { createSignal } from 'solid-js'

// 长辈模式 (MIIT 适老化): large text in three steps, large buttons, a quieter room. The CSS keys
// on <html data-elder="l|xl|xxl"> (web/styles/elder.css, elder-mode.css); the choice is kept on this device, and
// `?elder=1` / `?elder=0` in a link (what a village station sends) decides it too.

export const TEXT_SIZES = ['l', 'xl', 'xxl'] as const // 18, 24, 30 px
export type TextSize = (typeof TEXT_SIZES)[number]

const KEY = 'zb.elder' // '1' on, '0' off; absent: never asked (the page offers it)
const SIZE_KEY = 'zb.elderSize'

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null // private mode: per page view
  }
}
function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value)
  } catch {}
}

/** `?elder=1|0` wins and is remembered; it is taken out of the address so a reload keeps the later choice. */
function fromLink(): string | null {
  const url = new URL(location.href)
  const v = url.searchParams.get('elder')
  if (v !== '1' && v !== '0') return null
  write(KEY, v)
  url.searchParams.delete('elder')
  history.replaceState(history.state, '', url.pathname + url.search + url.hash)
  return v
}

const initial = fromLink() ?? read(KEY)
const [elder, setElderSignal] = createSignal(initial === '1')
const [answered, setAnswered] = createSignal(initial !== null)
const storedSize = read(SIZE_KEY) as TextSize | null
const [textSize, setSizeSignal] = createSignal<TextSize>(storedSize && TEXT_SIZES.includes(storedSize) ? storedSize : 'l')

// Targets, line height and the quieter room come in their own stylesheet, only for those who
// turn the mode on: other viewers' first load stays light (the text size itself is in elder.css).
let rules: Promise<unknown> | null = null

function apply() {
  const root = document.documentElement
  if (elder()) {
    rules ??= import('../styles/elder-mode.css').catch(() => (rules = null)) // a weak network: the next switch tries again
    root.dataset.elder = textSize()
  } else delete root.dataset.elder
}
apply() // before the first render: no flash of small text

/** Whether 长辈模式 is on; whether the viewer has said yes or no to it (else the page offers it). */
export { elder, answered as elderAnswered, textSize }

export function setElder(on: boolean) {
  write(KEY, on ? '1' : '0')
  setElderSignal(on)
  setAnswered(true)
  apply()
}

export function setTextSize(size: TextSize) {
  write(SIZE_KEY, size)
  setSizeSignal(size)
  apply()
}
