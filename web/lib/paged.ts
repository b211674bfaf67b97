import { createEffect, createSignal, on } from 'solid-js'
import { asFailure, type ApiFailure, type Page } from './api.ts'

/**
 * A list that loads page by page. It (re)loads from the start whenever `source` changes;
 * a falsy source means "not ready" and leaves the list empty.
 */
export function createPaged<S, T>(source: () => S | false | null | undefined, fetchPage: (s: S, cursor?: string) => Promise<Page<T>>) {
  const [items, setItems] = createSignal<T[]>([])
  const [next, setNext] = createSignal<string | null>(null)
  const [loading, setLoading] = createSignal(false)
  const [error, setError] = createSignal<ApiFailure | null>(null)
  let seq = 0

  async function load(cursor?: string) {
    const s = source()
    const mine = ++seq
    if (!s) {
      setItems([])
      setNext(null)
      return
    }
    setLoading(true)
    setError(null)
    try {
      const page = await fetchPage(s, cursor)
      if (mine !== seq) return
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items))
      setNext(page.next)
    } catch (e) {
      if (mine === seq) setError(asFailure(e))
    } finally {
      if (mine === seq) setLoading(false)
    }
  }

  createEffect(on(source, () => void load()))

  return {
    items,
    setItems,
    next,
    loading,
    error,
    reload: () => load(),
    more: () => {
      const cursor = next()
      if (cursor) void load(cursor)
    },
  }
}

export type Paged<T> = ReturnType<typeof createPaged<unknown, T>>
