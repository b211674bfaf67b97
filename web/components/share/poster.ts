// The share poster, drawn in the browser on a canvas (no server work, no fonts to fetch): the
// title, the company, when, the top jobs with their pay, and the QR code of the poster's link.
// Sized like a phone screen (750 × 1334) so it reads well when sent to a WeChat group.

export type PosterInfo = {
  title: string
  company?: string
  /** 「11月23日 周一 09:00 开播」 or 「正在直播」: already in the reader's words. */
  when: string
  jobs: { title: string; pay: string }[]
  moreJobs?: string
  brand: string
  slogan: string
  scan: string
  /** The QR code's image (same origin: the canvas stays readable). */
  qrUrl: string
}

const W = 750
const H = 1334
const RED = '#b3261e'
const INK = '#1d1b1a'
const MUTED = '#5f5955'
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif'
const MAX_JOBS = 4

/** Lines of `text` no wider than `width`, at most `max` (the last one cut with …). CJK breaks anywhere. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line)
      line = ''
      if (lines.length === max) break
    }
    line += ch
  }
  if (lines.length < max && line) lines.push(line)
  else if (lines.length === max && line) lines[max - 1] = `${lines[max - 1]!.slice(0, -1)}…`
  return lines
}

/** One line, cut with … to fit `width`. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text
  let s = text
  while (s && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1)
  return `${s}…`
}

async function loadImage(url: string): Promise<HTMLImageElement> {
  const img = new Image()
  img.src = url
  await img.decode()
  return img
}

/** Draws the poster; resolves its PNG. Rejects when the QR code cannot be loaded (offline). */
export async function drawPoster(canvas: HTMLCanvasElement, p: PosterInfo): Promise<Blob> {
  const qr = await loadImage(p.qrUrl)
  canvas.width = W
  canvas.height = H
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#fff8f1'
  ctx.fillRect(0, 0, W, H)

  // the brand band
  ctx.fillStyle = RED
  ctx.fillRect(0, 0, W, 150)
  ctx.fillStyle = '#fff'
  ctx.textBaseline = 'top'
  ctx.font = `bold 52px ${FONT}`
  ctx.fillText(p.brand, 48, 30)
  ctx.font = `28px ${FONT}`
  ctx.fillText(fit(ctx, p.slogan, W - 96), 48, 98)

  let y = 196
  ctx.fillStyle = INK
  ctx.font = `bold 50px ${FONT}`
  for (const line of wrap(ctx, p.title, W - 96, 3)) {
    ctx.fillText(line, 48, y)
    y += 64
  }
  y += 8
  ctx.font = `32px ${FONT}`
  if (p.company) {
    ctx.fillStyle = MUTED
    ctx.fillText(fit(ctx, p.company, W - 96), 48, y)
    y += 48
  }
  ctx.fillStyle = RED
  ctx.font = `bold 34px ${FONT}`
  ctx.fillText(fit(ctx, p.when, W - 96), 48, y)
  y += 64

  // the top jobs: title on the left, pay on the right
  const jobs = p.jobs.slice(0, MAX_JOBS)
  if (jobs.length) {
    ctx.fillStyle = '#ffffff'
    const boxH = jobs.length * 62 + (p.moreJobs ? 52 : 0) + 24
    ctx.fillRect(36, y, W - 72, boxH)
    y += 20
    for (const job of jobs) {
      ctx.font = `bold 34px ${FONT}`
      const pay = job.pay
      const payW = ctx.measureText(pay).width
      ctx.fillStyle = INK
      ctx.font = `32px ${FONT}`
      ctx.fillText(fit(ctx, job.title, W - 150 - payW), 60, y)
      ctx.font = `bold 34px ${FONT}`
      ctx.fillStyle = RED
      ctx.fillText(pay, W - 60 - payW, y)
      y += 62
    }
    if (p.moreJobs) {
      ctx.font = `28px ${FONT}`
      ctx.fillStyle = MUTED
      ctx.fillText(fit(ctx, p.moreJobs, W - 120), 60, y)
      y += 52
    }
  }

  // the code, crisp, on white with its quiet zone, and what to do with it
  const size = 320
  const top = H - size - 110
  ctx.fillStyle = '#ffffff'
  ctx.fillRect((W - size) / 2 - 10, top - 10, size + 20, size + 20)
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(qr, (W - size) / 2, top, size, size)
  ctx.fillStyle = INK
  ctx.font = `bold 32px ${FONT}`
  ctx.textAlign = 'center'
  ctx.fillText(fit(ctx, p.scan, W - 96), W / 2, H - 74)
  ctx.textAlign = 'start'

  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'))
}
