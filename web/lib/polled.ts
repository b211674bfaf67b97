import { createEffect, createSignal, on, onCleanup } from 'solid-js'
import { asFailure, type ApiFailure } from './api.ts'

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
