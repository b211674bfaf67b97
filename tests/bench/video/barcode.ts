// The publisher's clock, drawn into each frame as 32 big black/white blocks (an 8×4 grid over
// the whole picture) in the I420 luma plane: 24 bits of the ms clock (mod 2^24, ~4.6 h) and an
// 8-bit check. Blocks this large survive VP8 at any simulcast layer; a frame whose check fails
// is counted as unreadable, never as a wrong latency.

const COLS = 8
const ROWS = 4
const WRAP = 1 << 24
const BLACK = 16
const WHITE = 235

const check = (v: number) => ((v & 0xff) ^ ((v >> 8) & 0xff) ^ ((v >> 16) & 0xff) ^ 0xa5) & 0xff

/** An I420 frame (grey chroma) whose luma carries `ms`. */
export function drawClock(frame: Uint8Array, width: number, height: number, ms: number) {
  const v = ms % WRAP
  const word = v * 256 + check(v) // 32 bits, most significant first
  const bw = Math.floor(width / COLS)
  const bh = Math.floor(height / ROWS)
  for (let i = 0; i < COLS * ROWS; i++) {
    const on = Math.floor(word / 2 ** (31 - i)) % 2 === 1
    const x0 = (i % COLS) * bw
    const y0 = Math.floor(i / COLS) * bh
    for (let y = y0; y < y0 + bh; y++) frame.fill(on ? WHITE : BLACK, y * width + x0, y * width + x0 + bw)
  }
  frame.fill(128, width * height) // U and V: no colour
}

/** The clock in a received frame's luma plane (any size), or null when its check fails. */
export function readClock(luma: Uint8Array, width: number, height: number): number | null {
  const bw = width / COLS
  const bh = height / ROWS
  let word = 0
  for (let i = 0; i < COLS * ROWS; i++) {
    // The middle half of the block: its edges blur under compression and scaling.
    const cx = (i % COLS) * bw + bw / 4
    const cy = Math.floor(i / COLS) * bh + bh / 4
    let sum = 0
    let n = 0
    for (let y = Math.floor(cy); y < cy + bh / 2; y += 2)
      for (let x = Math.floor(cx); x < cx + bw / 2; x += 2) {
        sum += luma[y * width + x]!
        n++
      }
    word = word * 2 + (sum / n > 128 ? 1 : 0)
  }
  const v = Math.floor(word / 256)
  return check(v) === word % 256 ? v : null
}

/** ms from `sent` (a read clock) to `now`, across the 2^24 wrap. */
export const since = (sent: number, now: number) => (((now % WRAP) - sent) % WRAP + WRAP) % WRAP
