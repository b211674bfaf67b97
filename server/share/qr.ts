import QRCode from 'qrcode'
import { monochromePng } from './png.ts'

/** The page a share link opens, absolute, tagged with its channel (?src=) when it has one. */
export function shareUrl(origin: string, page: 'watch' | 'fairs', id: string, src?: string): string {
  const url = new URL(`/${page}/${encodeURIComponent(id)}`, origin)
  if (src) url.searchParams.set('src', src)
  return url.toString()
}

const MODULE_PX = 8 // a module of 8 px: a 33-module code is 328 px with its margin, sharp when printed or scanned off a phone
const MARGIN = 4 // modules of quiet zone, as the standard asks

// A code takes ~5–10 ms to make: the recent ones are kept (a share sheet opened by a room full
// of viewers asks for the same few), so a burst costs a Map lookup each.
const RECENT_MAX = 256
const recent = new Map<string, Promise<Uint8Array>>()

/** A QR code of `text` as a PNG (error correction M: survives a crease or a smudge on a poster). */
export function qrPng(text: string): Promise<Uint8Array> {
  let png = recent.get(text)
  if (png) return png
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!)
  recent.set(text, (png = makeQrPng(text)))
  png.catch(() => recent.delete(text))
  return png
}

async function makeQrPng(text: string): Promise<Uint8Array> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const size = (n + 2 * MARGIN) * MODULE_PX
  return monochromePng(size, (x, y) => {
    const mx = Math.floor(x / MODULE_PX) - MARGIN
    const my = Math.floor(y / MODULE_PX) - MARGIN
    return mx >= 0 && my >= 0 && mx < n && my < n && Boolean(modules.get(my, mx))
  })
}
