import type { Redis } from 'ioredis'
import { srcOf } from '../../schemas/channels.ts'
import { previewOf, type Preview } from './preview.ts'

/**
 * Link previews read Redis (a stream, its company, its jobs) for an HTML page that anyone may
 * ask for without an API rate limit. So a flood cannot turn into Redis load, in this process:
 * - each page's preview (or its absence: an unknown id) is kept a few seconds, and one read
 *   serves every request for it that arrives meanwhile (a WeChat group opening one link);
 * - an id that cannot be one (too long, odd characters) is not looked up at all;
 * - an address that asks for more than `perAddressPerMinute` pages it has not cached gets the
 *   app's own page (still a working page, without the preview) and reaches Redis no more;
 * - and all addresses together cause at most `perMinute` reads a minute (many addresses at once).
 * In process only: a limiter in Redis would itself be a Redis call per request.
 */
export type PreviewGuard = <T>(address: string, key: string, load: () => Promise<T | null>) => Promise<T | null>

export type PreviewGuardOptions = { ttlMs?: number; perAddressPerMinute?: number; perMinute?: number; maxEntries?: number; now?: () => number }

/** The shape of a stream's or fair's id (server/lib/ids.ts and the tests' readable ones). */
const ID = /^[0-9A-Za-z_-]{1,64}$/
export const isPreviewId = (id: string) => ID.test(id)

export function previewGuard({ ttlMs = 10_000, perAddressPerMinute = 60, perMinute = 3000, maxEntries = 2000, now = Date.now }: PreviewGuardOptions = {}): PreviewGuard {
  const kept = new Map<string, { at: number; value: Promise<unknown> }>()
  let minute = -1
  let loads = 0
  const asked = new Map<string, number>()

  /** True while the address may still cause reads this minute. */
  const allowed = (address: string, t: number) => {
    const m = Math.floor(t / 60_000)
    if (m !== minute) {
      minute = m
      loads = 0
      asked.clear()
    }
    if (loads >= perMinute) return false
    const n = (asked.get(address) ?? 0) + 1
    if (n > perAddressPerMinute) return false
    if (!asked.has(address) && asked.size >= maxEntries) return false // a flood of addresses: nobody new this minute
    asked.set(address, n)
    loads++
    return true
  }

  return async <T>(address: string, key: string, load: () => Promise<T | null>) => {
    const t = now()
    const hit = kept.get(key)
    if (hit && t - hit.at < ttlMs) return hit.value as Promise<T | null>
    if (!allowed(address, t)) return null
    if (hit) kept.delete(key)
    else if (kept.size >= maxEntries) kept.delete(kept.keys().next().value!)
    const entry = { at: t, value: load() as Promise<unknown> }
    // a failure (Redis away) is not kept: the next request tries again
    entry.value.catch(() => kept.get(key) === entry && kept.delete(key))
    kept.set(key, entry)
    return entry.value as Promise<T | null>
  }
}

/** One page's preview through the guard: the read only for an id that can be one. */
export function guardedPreview(guard: PreviewGuard, redis: Redis, publicUrl: string, address: string, page: 'watch' | 'fairs', id: string, rawSrc: string | undefined): Promise<Preview | null> {
  if (!isPreviewId(id)) return Promise.resolve(null)
  return guard(address, `${page}/${id}?${srcOf(rawSrc) ?? ''}`, () => previewOf(redis, publicUrl, page, id, rawSrc))
}
