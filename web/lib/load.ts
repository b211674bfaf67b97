import { createComputed, createEffect, createMemo, createResource, createSignal, on, onCleanup, untrack, type Accessor } from 'solid-js'
import { asFailure, type ApiFailure } from './api.ts'

/** How every page loads data: one keyed resource, rendered by <LoadState of={…}>. */
export type Load<T> = {
  /** The last good answer: kept while fetching again and when that fails, so numbers never blink. */
  data: Accessor<T | undefined>
  /** When `data` arrived. */
  at: Accessor<Date | null>
  error: Accessor<ApiFailure | null>
  loading: Accessor<boolean>
  /** Fetch again (retry); `more` reaches the fetcher, e.g. the cursor of a further page. */
  refetch: (more?: unknown) => Promise<void>
  /** Change the answer held (a row saved on this page) without fetching. */
  mutate: (change: (data: T | undefined) => T | undefined) => void
}

export type LoadOptions<T> = {
  /** Fetch again this many ms after each answer or failure (null = stop); not while the tab is hidden, at once when it shows. */
  every?: (data: T | undefined) => number | null
  /** A new source keeps the old answer on screen until the new one comes (a filter above its form); else it clears. */
  keep?: boolean
}

type Answer<T> = { value: T; at: Date }

/**
 * Solid's createResource keyed on `source` (falsy = not ready), made to never suspend: each page
 * shows its own LoadState instead of the router holding the previous page or a blank fallback.
 * The fetcher's second argument is what `refetch(more)` was given (false on a source change).
 */
export function createLoad<S, T>(source: () => S | false | null | undefined, fetcher: (s: S, more: unknown) => Promise<T>, opts: LoadOptions<T> = {}): Load<T> {
  const [res, { refetch }] = createResource<Answer<T> | undefined, S, unknown>(source, async (s, { refetching }) => ({ value: await fetcher(s, refetching), at: new Date() }), {
    initialValue: undefined,
  })
  // Reading a failed resource throws (`latest` too): hold on to the last answer instead. Only a new
  // answer object writes `data`, so a local `mutate` survives a refetch that fails or is pending.
  const answer = createMemo<Answer<T> | undefined>((prev) => (res.state === 'errored' ? prev : res.latest))
  const [data, setData] = createSignal<T>()
  const [at, setAt] = createSignal<Date | null>(null)
  createComputed(
    on(answer, (a) => {
      if (!a) return
      setData(() => a.value)
      setAt(a.at)
    }),
  )
  if (!opts.keep)
    createComputed(
      on(
        source,
        () => {
          setData(undefined)
          setAt(null)
        },
        { defer: true },
      ),
    )
  const again = async (more?: unknown) => void (await refetch(more))
  if (opts.every) poll(opts.every, data, () => res.loading, () => !!untrack(source), again)
  return {
    data,
    at,
    error: () => (res.error ? asFailure(res.error) : null),
    loading: () => res.loading,
    refetch: again,
    mutate: (change) => setData((d) => change(d)),
  }
}

/** Fetches again `every(data)` ms after each fetch ends; skips while the tab is hidden, fetches at once when it shows. */
function poll<T>(every: (data: T | undefined) => number | null, data: Accessor<T | undefined>, loading: Accessor<boolean>, ready: () => boolean, fetch: () => Promise<void>) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = () => {
    const ms = every(untrack(data))
    if (ms !== null) timer = setTimeout(() => (document.hidden ? schedule() : void fetch()), ms)
  }
  // The clock starts when a fetch ends (answer or failure), so a slow server is never asked twice at once.
  createEffect(
    on(loading, (busy) => {
      clearTimeout(timer)
      if (!busy && ready()) schedule()
    }),
  )
  const onVisible = () => {
    if (!document.hidden && every(untrack(data)) !== null) void fetch()
  }
  document.addEventListener('visibilitychange', onVisible)
  onCleanup(() => {
    clearTimeout(timer)
    document.removeEventListener('visibilitychange', onVisible)
  })
}
