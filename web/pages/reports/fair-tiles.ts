import type { FairStats } from '../../lib/queries/reports.ts'
import { avgWatchSeconds, duration } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import type { Tile } from './Tiles.tsx'

/** A fair's totals as tiles (the dashboard and the wall screen). */
export function fairTiles(s: FairStats): Tile[] {
  const live = s.streams.some((r) => r.status === 'live')
  const avg = avgWatchSeconds(s)
  return [
    { key: 'streams', label: rt('m.streams'), value: s.streams.length },
    { key: 'entries', label: rt('m.entries'), value: s.entries },
    { key: 'views', label: rt('m.views'), value: s.views, hint: rt('m.viewsHint') },
    { key: 'uniqueViewers', label: rt('m.uniqueViewers'), value: s.uniqueViewers },
    { key: 'peakConcurrent', label: rt('m.peakConcurrent'), value: s.peakConcurrent, hint: rt('m.peakFairHint') },
    ...(live ? [{ key: 'concurrent', label: rt('m.concurrent'), value: s.concurrent }] : []),
    { key: 'avgWatch', label: rt('m.avgWatch'), value: duration(avg), raw: avg },
    { key: 'comments', label: rt('m.comments'), value: s.comments },
    { key: 'commenters', label: rt('m.commenters'), value: s.commenters },
    { key: 'likes', label: rt('m.likes'), value: s.likes },
    { key: 'applications', label: rt('m.applications'), value: s.applications },
    { key: 'placements', label: rt('m.placements'), value: s.placements },
  ]
}
