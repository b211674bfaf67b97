// The demo broadcaster's picture, drawn into an RGBA buffer in plain JS (no canvas, no fonts):
// a coloured background, a bar sweeping across, and a big 7-segment clock in China time, so a
// newcomer sees a live, moving room and can tell at a glance that the picture is current.

type Rgb = readonly [number, number, number]

// Segments a..g as bits 0..6 (a top, b top-right, c bottom-right, d bottom, e bottom-left, f top-left, g middle).
const DIGITS = [0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f]

export type Scene = { width: number; height: number; background: Rgb }

function fillRect(buf: Uint8Array, width: number, height: number, x: number, y: number, w: number, h: number, [r, g, b]: Rgb) {
  const x0 = Math.max(0, Math.round(x))
  const y0 = Math.max(0, Math.round(y))
  const x1 = Math.min(width, Math.round(x + w))
  const y1 = Math.min(height, Math.round(y + h))
  for (let row = y0; row < y1; row++) {
    for (let i = (row * width + x0) * 4, end = (row * width + x1) * 4; i < end; i += 4) {
      buf[i] = r
      buf[i + 1] = g
      buf[i + 2] = b
      buf[i + 3] = 255
    }
  }
}

function drawDigit(buf: Uint8Array, s: Scene, digit: number, x: number, y: number, w: number, colour: Rgb) {
  const h = 2 * w
  const t = Math.max(2, Math.round(w / 5))
  const rects: [number, number, number, number][] = [
    [0, 0, w, t], // a
    [w - t, 0, t, h / 2], // b
    [w - t, h / 2, t, h / 2], // c
    [0, h - t, w, t], // d
    [0, h / 2, t, h / 2], // e
    [0, 0, t, h / 2], // f
    [0, h / 2 - t / 2, w, t], // g
  ]
  const bits = DIGITS[digit] ?? 0
  rects.forEach(([rx, ry, rw, rh], i) => {
    if (bits & (1 << i)) fillRect(buf, s.width, s.height, x + rx, y + ry, rw, rh, colour)
  })
}

/** HH:MM:SS in China time (UTC+8, no DST), the fair's own clock. */
export const chinaClock = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 19)

/** Draws one frame for wall-clock time `ms` into `buf` (width × height × 4 bytes, RGBA). */
export function drawScene(buf: Uint8Array, s: Scene, ms: number) {
  fillRect(buf, s.width, s.height, 0, 0, s.width, s.height, s.background)
  // A bar crossing the picture every 4 s: motion the eye (and an encoder) can see.
  const barW = Math.max(4, Math.round(s.width / 16))
  const barX = ((ms % 4000) / 4000) * (s.width + barW) - barW
  fillRect(buf, s.width, s.height, barX, 0, barW, s.height, [255, 200, 40])
  // The clock: 8 cells (6 digits, 2 colons), centred, a quarter of the height tall.
  const digitW = Math.round(s.height / 8)
  const gap = Math.round(digitW / 3)
  const cell = digitW + gap
  const text = chinaClock(ms)
  let x = Math.round((s.width - text.length * cell + gap) / 2)
  const y = Math.round(s.height / 2 - digitW)
  for (const ch of text) {
    if (ch === ':') {
      const dot = Math.max(2, Math.round(digitW / 5))
      fillRect(buf, s.width, s.height, x + digitW / 2 - dot / 2, y + digitW / 2, dot, dot, [255, 255, 255])
      fillRect(buf, s.width, s.height, x + digitW / 2 - dot / 2, y + (3 * digitW) / 2 - dot, dot, dot, [255, 255, 255])
    } else drawDigit(buf, s, Number(ch), x, y, digitW, [255, 255, 255])
    x += cell
  }
}
