import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Job } from './api.ts'
import type { Overlay } from './overlay.ts'

const isJob = (j: unknown): j is Job => !!j && typeof j === 'object' && typeof (j as Job).id === 'string' && typeof (j as Job).updatedAt === 'string'

/**
 * The stream's jobs as they are now: the records the page loaded, replaced by the newer ones the
 * server pushes when the recruiter edits or closes a job (SSE `jobs`), so a raised pay or a closed
 * job shows without a reload. Whichever record is newer (`updatedAt`) wins: a later fetch of the
 * stream may already carry the edit. A page that missed the event (it polls, as on Workers, or
 * reconnected) learns from the overlay's `jobsUpdatedAt` that its records are older and calls
 * `onStale` (fetch the stream again) after a random 1–3 s, so a room of viewers does not ask at
 * once and an SSE page, whose event comes within that time, does not ask at all. Call inside a component.
 */
export function createLiveJobs(loaded: Accessor<Job[]>, overlay: Pick<Overlay, 'listen' | 'state'>, onStale: () => void): Accessor<Job[]> {
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
  const jobs = createMemo(() =>
    loaded().map((j) => {
      const p = pushed().get(j.id)
      return p && p.updatedAt > j.updatedAt ? p : j
    }),
  )
  const stale = () => {
    const at = overlay.state()?.jobsUpdatedAt
    return !!at && jobs().every((j) => j.updatedAt < at)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  createEffect(() => {
    if (!stale()) {
      clearTimeout(timer)
      timer = undefined
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined
        if (stale()) onStale()
      }, 1000 + Math.random() * 2000)
    }
  })
  onCleanup(() => clearTimeout(timer))
  return jobs
}
