import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Job } from './api.ts'
import type { Overlay } from './overlay.ts'

const isJob = (j: unknown): j is Job => !!j && typeof j === 'object' && typeof (j as Job).id === 'string' && typeof (j as Job).updatedAt === 'string'

/**
 * The stream's jobs as they are now: the records the page loaded, replaced by the newer ones the
 * server pushes when the recruiter edits or closes a job (SSE `jobs`), so a raised pay or a closed
 * job shows without a reload. Whichever record is newer (`updatedAt`) wins: a later fetch of the
 * stream may already carry the edit. Call inside a component.
 */
export function createLiveJobs(loaded: Accessor<Job[]>, overlay: Pick<Overlay, 'listen'>): Accessor<Job[]> {
  const [pushed, setPushed] = createSignal<ReadonlyMap<string, Job>>(new Map())
  onCleanup(
    overlay.listen('jobs', (data) => {
      const items = (data as { items?: unknown[] } | null)?.items
      if (!Array.isArray(items)) return
      setPushed((m) => {
        const next = new Map(m)
        for (const j of items) {
          if (!isJob(j)) continue
          const had = next.get(j.id)
          if (!had || j.updatedAt >= had.updatedAt) next.set(j.id, j)
        }
        return next
      })
    }),
  )
  return createMemo(() =>
    loaded().map((j) => {
      const p = pushed().get(j.id)
      return p && p.updatedAt > j.updatedAt ? p : j
    }),
  )
}
