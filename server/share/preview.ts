import type { Redis } from 'ioredis'
import { getStream } from '../store/streams.ts'
import { getFair } from '../store/fairs.ts'
import { getCompany } from '../store/companies.ts'
import { getJobs } from '../store/jobs.ts'
import { srcOf } from '../../schemas/channels.ts'
import type { Job } from '../store/types.ts'
import { shareUrl } from './qr.ts'
import { toWellFormed } from '../lib/unicode.ts'

/**
 * Link previews (WeChat, QQ, messaging apps read a shared page's <title> and og: tags without
 * running its script): the watch and fair pages' HTML names the stream or fair itself.
 */
export type Preview = { title: string; description: string; url: string; image: string }

const UNIT: Record<Job['pay']['unit'], string> = { month: '月', day: '天', hour: '时', piece: '件' }
const pay = ({ min, max, unit }: Job['pay']) => `¥${min === max ? min : `${min}–${max}`}/${UNIT[unit]}`
const OFFSET_MS = 8 * 3600_000 // China time, no daylight saving
/** 「11月23日 09:00」 in China time. */
export function chinaWhen(iso: string): string {
  const d = new Date(Date.parse(iso) + OFFSET_MS)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}
/** At most `max` characters, cut between code points (never half an emoji). */
const clip = (s: string, max: number) => {
  const chars = [...s]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s
}

/** The preview of /watch/:id or /fairs/:id, or null for an unknown id (the page's own then). */
export async function previewOf(redis: Redis, origin: string, page: 'watch' | 'fairs', id: string, rawSrc: string | undefined): Promise<Preview | null> {
  const src = srcOf(rawSrc)
  const url = shareUrl(origin, page, id, src)
  const qr = `${origin}/api/${page === 'watch' ? 'streams' : 'fairs'}/${encodeURIComponent(id)}/qr.png${src ? `?src=${src}` : ''}`
  if (page === 'watch') {
    const stream = await getStream(redis, id)
    if (!stream) return null
    const [company, jobs] = await Promise.all([getCompany(redis, stream.companyId), getJobs(redis, stream.jobIds.slice(0, 3))])
    const when = stream.status === 'live' ? '正在直播' : stream.status === 'ended' ? '直播已结束' : `${chinaWhen(stream.scheduledAt)} 开播`
    const parts = [company?.name, when, jobs.map((j) => `${j.title} ${pay(j.pay)}`).join('、')].filter(Boolean)
    return { title: clip(`${stream.title}｜直播带岗`, 80), description: clip(parts.join('｜'), 160), url, image: qr }
  }
  const fair = await getFair(redis, id)
  if (!fair) return null
  const parts = [`${chinaWhen(fair.startsAt)} – ${chinaWhen(fair.endsAt)}`, fair.description].filter(Boolean)
  return { title: clip(`${fair.title}｜直播带岗`, 80), description: clip(parts.join('｜'), 160), url, image: qr }
}

// a stray surrogate (a record older than the well-formed check) becomes U+FFFD, not broken UTF-8
const escapeHtml = (s: string) => toWellFormed(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** The app's index.html with the page's own title, description and og: tags. */
export function withPreview(html: string, p: Preview): string {
  const meta = (attr: 'name' | 'property', key: string, value: string) => `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`
  const head = [
    `<title>${escapeHtml(p.title)}</title>`,
    meta('name', 'description', p.description),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', p.title),
    meta('property', 'og:description', p.description),
    meta('property', 'og:url', p.url),
    meta('property', 'og:image', p.image),
  ].join('\n    ')
  const page = html.replace(/<meta name="description"[^>]*>\s*/, '')
  if (/<title>[^<]*<\/title>/.test(page)) return page.replace(/<title>[^<]*<\/title>/, () => head)
  return /<\/head>/i.test(page) ? page.replace(/<\/head>/i, () => `${head}\n  </head>`) : page.replace(/<body/i, () => `<head>\n    ${head}\n  </head>\n  <body`)
}
