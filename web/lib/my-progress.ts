import { createEffect, createSignal } from 'solid-js'
import type { ApplicantStatus } from './api.ts'
import { mine } from './my-applications.ts'
import { applicationProgress } from './queries/my-applications.ts'

/**
 * How this device's applications for these jobs are going (已联系, 约面试…), asked once per
 * application per page view: the live room shows it on the card instead of 立即报名.
 */
export function createMyProgress(jobIds: () => string[]) {
  const [status, setStatus] = createSignal<Record<string, ApplicantStatus>>({})
  const asked = new Set<string>()
  createEffect(() => {
    const ids = new Set(jobIds())
    for (const a of mine()) {
      if (!ids.has(a.jobId) || asked.has(a.id)) continue
      asked.add(a.id)
      applicationProgress(a.id, a.receipt).then(
        (p) => setStatus((s) => ({ ...s, [a.jobId]: p.status })),
        () => asked.delete(a.id), // asked again on the next change
      )
    }
  })
  return (jobId: string) => status()[jobId]
}
