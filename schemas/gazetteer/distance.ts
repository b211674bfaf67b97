import type { CoordsOf } from './types.ts'

// How far a job is from the viewer, from what both carry (no gazetteer data: this runs in the
// viewer's first load). Points may be only county seats (see README.md): then towns of one county
// are just 「同县」, and other counties are measured seat to seat and said to be so.

/** A job's location or the viewer's home: a gazetteer town, a device position, or both. */
export type Spot = { townCode?: string; lat?: number | null; lng?: number | null; coordsOf?: CoordsOf }

export type Nearness = { kind: 'sameTown' } | { kind: 'sameCounty' } | { kind: 'km'; km: number; bySeat: boolean }

const EARTH_KM = 6371.0088
const rad = (d: number) => (d * Math.PI) / 180

/** Great-circle distance in km. */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

const countyOf = (s: Spot) => (s.townCode && s.townCode.length >= 6 ? s.townCode.slice(0, 6) : undefined)
const point = (s: Spot) => (s.lat != null && s.lng != null ? { lat: s.lat, lng: s.lng } : undefined)

/** null: not enough known (an old free-text job, or no home picked). */
export function nearness(viewer: Spot, job: Spot): Nearness | null {
  if (viewer.townCode && viewer.townCode === job.townCode) return { kind: 'sameTown' }
  const bySeat = viewer.coordsOf === 'county' || job.coordsOf === 'county'
  const county = countyOf(viewer)
  if (bySeat && county && county === countyOf(job)) return { kind: 'sameCounty' }
  const a = point(viewer)
  const b = point(job)
  return a && b ? { kind: 'km', km: haversineKm(a, b), bySeat } : null
}

/** Whole km up to 20, then to 5 km, then to 10 km: more digits than the points are good for would mislead. */
export function roundKm(km: number): number {
  if (km < 20) return Math.max(1, Math.round(km))
  if (km < 100) return Math.round(km / 5) * 5
  return Math.round(km / 10) * 10
}

/** Nearest first: same town, then by km (same county counts as 1 km), unknown last. */
export const nearnessRank = (n: Nearness | null) => (!n ? Infinity : n.kind === 'sameTown' ? 0 : n.kind === 'sameCounty' ? 1 : n.km)
