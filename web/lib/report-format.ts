import { locale } from './i18n.ts'
import { rt } from './report-words.ts'
import { pad } from './time.ts'

/** A count the server rounds away below 5 (privacy), or the count itself. */
export type Small = number | '<5'

const intl = () => new Intl.NumberFormat(locale() === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 0 })

/** Exact whole numbers with group separators ("12,345"); "<5" stays "<5". */
export const num = (n: Small | null | undefined): string => (n === '<5' ? '<5' : n == null ? '—' : intl().format(n))

/** a / b as a percentage with one decimal, or "—" when b is 0. */
export const pct = (a: number, b: number): string => (b > 0 ? `${Math.round((a / b) * 1000) / 10}%` : '—')

/** Average watch time in whole seconds: watchSeconds / entries (docs/counting.md). */
export const avgWatchSeconds = (s: { watchSeconds: number; entries: number }) => (s.entries > 0 ? Math.round(s.watchSeconds / s.entries) : 0)

/** 「45 秒」「3 分 05 秒」「2 小时 10 分」 */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return rt('dur.s', { s })
  if (s < 3600) return rt('dur.ms', { m: Math.floor(s / 60), s: pad(s % 60) })
  return rt('dur.hm', { h: Math.floor(s / 3600), m: pad(Math.floor(s / 60) % 60) })
}

export const fileSize = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)

/** 14:05:09 */
export const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
