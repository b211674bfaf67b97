import type { Small } from '../../lib/report-format.ts'

const value = (v: Small) => (v === '<5' ? 0 : v)

/** The n largest rows by `pick` (ties keep the API's order), for charts. */
export function top<T>(rows: T[], pick: (r: T) => Small, n: number): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => value(pick(b.r)) - value(pick(a.r)) || a.i - b.i)
    .slice(0, n)
    .map((x) => x.r)
}
