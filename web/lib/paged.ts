import { untrack } from 'solid-js'
import type { Page } from './api.ts'
import { createLoad } from './load.ts'

/**
 * A list that loads page by page (a load whose answer grows): it reloads from the start whenever
 * `source` changes, keeping the rows shown until the first new page comes; `more` appends the next.
 */
export function createPaged<S, T>(source: () => S, fetchPage: (s: S, cursor?: string) => Promise<Page<T>>) {
  const pages = createLoad(
    source,
    async (s, more): Promise<Page<T>> => {
      const after = (more as { after?: string } | undefined)?.after
      const page = await fetchPage(s, after)
      // Appended to the rows held when the page arrives, so a row changed meanwhile stays changed.
      return after ? { items: [...(untrack(pages.data)?.items ?? []), ...page.items], next: page.next } : page
    },
    { keep: true },
  )
  const next = () => pages.data()?.next ?? null
  return {
    items: () => pages.data()?.items ?? [],
    setItems: (change: (items: T[]) => T[]) => pages.mutate((p) => ({ items: change(p?.items ?? []), next: p?.next ?? null })),
    next,
    loading: pages.loading,
    error: pages.error,
    refetch: pages.refetch,
    /** From the first page again. */
    reload: () => pages.refetch(),
    more: () => {
      const after = next()
      if (after) void pages.refetch({ after })
    },
  }
}

export type Paged<T> = ReturnType<typeof createPaged<unknown, T>>
