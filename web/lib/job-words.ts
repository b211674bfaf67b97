import { createSignal } from 'solid-js'
import type { Job } from './api.ts'
import { t } from './i18n.ts'
import { dailyEstimate } from '../../schemas/take-home.ts'
import type { Home } from './home-place.ts'

// What a job card says beyond pay and place: how far from home, and a day's take-home pay.
// The distance code loads only once the viewer has a home (a fresh viewer's first load has none).

type Distance = typeof import('../../schemas/gazetteer/distance.ts')
const [distance, setDistance] = createSignal<Distance | null>(null)
let loading = false
function measured(): Distance | null {
  const d = distance()
  if (!d && !loading) {
    loading = true
    import('../../schemas/gazetteer/distance.ts').then(setDistance, () => (loading = false))
  }
  return d
}

const spotOf = (j: Job) => j.location

/** 「就在本乡镇」「就在本县」「离您约 12 公里」, or null when it cannot be told (yet). */
export function distanceWords(job: Job, from: Home | null): string | null {
  const d = from && measured()
  const n = d ? d.nearness(from, spotOf(job)) : null
  if (!d || !n) return null
  if (n.kind === 'sameTown') return t('near.sameTown')
  if (n.kind === 'sameCounty') return t('near.sameCounty')
  return t(n.bySeat ? 'near.kmBySeat' : 'near.km', { n: d.roundKm(n.km) })
}

/** Nearest first (a stable sort: jobs equally far keep the stream's order). */
export function byDistance(jobs: Job[], from: Home | null): Job[] {
  const d = from && measured()
  if (!d) return jobs
  const rank = new Map(jobs.map((j) => [j.id, d.nearnessRank(d.nearness(from, spotOf(j)))]))
  const r = (j: Job) => rank.get(j.id)!
  return [...jobs].sort((a, b) => (r(a) === r(b) ? 0 : r(a) < r(b) ? -1 : 1)) // Infinity − Infinity is NaN
}

/** 「熟练工约 ¥150/天（估算）」 for piece and hour pay with a daily output, else null. */
export function takeHomeWords(job: Pick<Job, 'pay' | 'dailyOutput'>): string | null {
  const n = dailyEstimate(job.pay, job.dailyOutput)
  return n === null ? null : t('job.takeHome', { n })
}
