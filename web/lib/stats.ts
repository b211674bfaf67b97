import { createEffect, createSignal, on, onCleanup } from 'solid-js'
import { resolveTemplate, translator } from '@solid-primitives/i18n'
import type { ClientResponse, InferResponseType } from 'hono/client'
import { api, asFailure, call, type ApiFailure } from './api.ts'
import { locale } from './i18n.ts'
import { pad } from './time.ts'
import { reportsZh } from '../i18n/reports.zh.ts'
import { reportsEn } from '../i18n/reports.en.ts'

// The dashboards' numbers (GET /api/streams/:id/stats, /api/fairs/:id/stats, /api/stats/overview)
// and the words for them. Only the report pages import this module, so none of it is in the
// first load of / or /watch/:id.

export type StreamStats = InferResponseType<(typeof api.streams)[':id']['stats']['$get'], 200>
export type FairStats = InferResponseType<(typeof api.fairs)[':id']['stats']['$get'], 200>
export type OverviewStats = InferResponseType<typeof api.stats.overview.$get, 200>
export type Small = number | '<5'

export type ReportsKey = keyof typeof reportsZh
export type ReportsDict = { readonly [K in ReportsKey]: string }

/** rt('m.views') — the dashboards' dictionary, following the header's language switch. */
export const rt = translator((): ReportsDict => (locale() === 'en' ? reportsEn : reportsZh), resolveTemplate)

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

/**
 * Data fetched when `source` changes and again every `every(data)` ms (null = stop). Keeps the
 * last good answer while it refetches or when a refetch fails, so numbers never blink. Nothing is
 * fetched while the tab is hidden; coming back fetches at once.
 */
export function createPolled<S, T>(source: () => S | false | null | undefined, fetcher: (s: S) => Promise<T>, every: (data: T | undefined) => number | null, opts: { keep?: boolean } = {}) {
  const [data, setData] = createSignal<T>()
  const [error, setError] = createSignal<ApiFailure | null>(null)
  const [loading, setLoading] = createSignal(false)
  const [at, setAt] = createSignal<Date | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let seq = 0
  let alive = true

  async function load() {
    clearTimeout(timer)
    const s = source()
    if (!s) return
    const mine = ++seq
    setLoading(true)
    try {
      const d = await fetcher(s)
      if (mine !== seq || !alive) return
      setData(() => d)
      setError(null)
      setAt(new Date())
    } catch (e) {
      if (mine === seq) setError(asFailure(e))
    } finally {
      if (mine === seq && alive) {
        setLoading(false)
        schedule()
      }
    }
  }
  function schedule() {
    const ms = every(data())
    if (ms !== null) timer = setTimeout(() => (document.hidden ? schedule() : void load()), ms)
  }
  const onVisible = () => {
    if (!document.hidden && every(data()) !== null) void load()
  }
  document.addEventListener('visibilitychange', onVisible)
  onCleanup(() => {
    alive = false
    clearTimeout(timer)
    document.removeEventListener('visibilitychange', onVisible)
  })
  createEffect(
    on(source, () => {
      // `keep`: a new filter keeps the page (and its form) while the new numbers come.
      if (!opts.keep) {
        setData(undefined)
        setAt(null)
      }
      void load()
    }),
  )
  return { data, error, loading, at, reload: load }
}

/**
 * Downloads a CSV answer as a file, reporting bytes received as they arrive, then hands the
 * browser a Blob to save. Failures throw ApiFailure like every other call.
 */
export async function downloadCsv(req: Promise<ClientResponse<unknown, number, string>>, fallbackName: string, onProgress: (bytes: number, total: number | null) => void): Promise<number> {
  let res: Response
  try {
    res = (await req) as unknown as Response
  } catch (e) {
    throw asFailure(e)
  }
  if (!res.ok) await call(Promise.resolve(res as unknown as ClientResponse<unknown, 200, string>))
  const total = Number(res.headers.get('Content-Length')) || null
  const chunks: Uint8Array[] = []
  let bytes = 0
  onProgress(0, total)
  try {
    const reader = res.body!.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      bytes += value.byteLength
      onProgress(bytes, total)
    }
  } catch (e) {
    throw asFailure(e)
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return bytes
}

/** A date input value (YYYY-MM-DD) as the start or the end of that local day, ISO. */
export function dayBound(value: string | undefined, end: boolean): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const d = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** The stats query for a fair from the page's ?from=&to= (date input values). */
export const rangeQuery = (from?: string, to?: string) => {
  const q: { from?: string; to?: string } = {}
  const f = dayBound(from, false)
  const t = dayBound(to, true)
  if (f) q.from = f
  if (t) q.to = t
  return q
}

export const loadStreamStats = (id: string) => call(api.streams[':id'].stats.$get({ param: { id } }))
export const loadFairStats = (id: string, from?: string, to?: string) => call(api.fairs[':id'].stats.$get({ param: { id }, query: rangeQuery(from, to) }))
export const loadOverview = () => call(api.stats.overview.$get())
export const fairReportCsv = (id: string, from?: string, to?: string) => api.fairs[':id']['report.csv'].$get({ param: { id }, query: rangeQuery(from, to) })
export const applicantsCsv = (id: string) => api.streams[':id']['applications.csv'].$get({ param: { id } })
