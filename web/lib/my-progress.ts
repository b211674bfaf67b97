import type { Setter } from 'solid-js'
import type { ApplicantStatus } from './api.ts'
import { mine } from './my-applications.ts'
import { applicationProgress } from './queries/my-applications.ts'

/**
 * How this device's applications for these jobs are going (已联系, 约面试…), asked once per
 * application per room (`asked`). Its own chunk: the live room loads it only where this phone
 * has applied.
 */
export function askProgress(jobIds: string[], asked: Set<string>, set: Setter<Record<string, ApplicantStatus>>) {
  for (const a of mine()) {
    if (!jobIds.includes(a.jobId) || asked.has(a.id)) continue
    asked.add(a.id)
    applicationProgress(a.id, a.receipt).then(
      (p) => set((s) => ({ ...s, [a.jobId]: p.status })),
      () => asked.delete(a.id), // asked again on the next change
    )
  }
}
