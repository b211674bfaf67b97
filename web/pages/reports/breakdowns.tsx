import { A } from '@solidjs/router'
import { For, Show, type JSX } from 'solid-js'
import { formatWhen } from '../../lib/format.ts'
import type { FairStats } from '../../lib/queries/reports.ts'
import { avgWatchSeconds, duration, num, type Small } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import type { Tile } from './parts.tsx'

// The fair's breakdowns as tables (every number, exactly as the API gives it) and the helpers
// the dashboard and the wall screen share.

export type StreamRow = FairStats['streams'][number]
export type CompanyRow = FairStats['companies'][number]
export type TownRow = FairStats['towns'][number]
export type StationRow = FairStats['stations'][number]

const value = (v: Small) => (v === '<5' ? 0 : v)

/** The n largest rows by `pick` (ties keep the API's order), for charts. */
export function top<T>(rows: T[], pick: (r: T) => Small, n: number): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => value(pick(b.r)) - value(pick(a.r)) || a.i - b.i)
    .slice(0, n)
    .map((x) => x.r)
}

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
    { key: 'applications', label: rt('m.applications'), value: s.applications },
    { key: 'placements', label: rt('m.placements'), value: s.placements },
  ]
}

const Num = (p: { k: string; label: string; v: Small }) => (
  <td data-metric={p.k} data-label={p.label} data-value={p.v}>
    {num(p.v)}
  </td>
)

/** A table whose columns from `numFrom` on are numbers (right-aligned). */
function Table(props: { class: string; head: string[]; numFrom: number; children: JSX.Element }) {
  return (
    <div class="table-wrap">
      <table class={`rtable ${props.class}`}>
        <thead>
          <tr>
            <For each={props.head}>
              {(h, i) => (
                <th scope="col" classList={{ num: i() >= props.numFrom }}>
                  {h}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  )
}

/** Every stream's numbers; `compact` (the wall screen's half-width panel) keeps the main ones. */
export function StreamTable(props: { rows: StreamRow[]; links?: boolean; compact?: boolean }) {
  const head = () =>
    props.compact
      ? [rt('fd.col.stream'), rt('fd.col.status'), rt('m.entries'), rt('m.views'), rt('m.applications'), rt('m.placements')]
      : [rt('fd.col.stream'), rt('fd.col.company'), rt('fd.col.status'), rt('fd.col.when'), rt('m.entries'), rt('m.views'), rt('m.uniqueViewers'), rt('m.peakConcurrent'), rt('m.applications'), rt('m.placements')]
  return (
    <Table class="streams-table" numFrom={props.compact ? 2 : 4} head={head()}>
      <For each={props.rows}>
        {(r) => (
          <tr data-stream={r.streamId}>
            <th scope="row">{props.links ? <A href={`/admin/streams/${r.streamId}`}>{r.title}</A> : r.title}</th>
            <Show when={!props.compact}>
              <td data-label={rt('fd.col.company')}>{r.companyName}</td>
            </Show>
            <td data-label={rt('fd.col.status')}>
              <StatusBadge status={r.status} />
            </td>
            <Show when={!props.compact}>
              <td data-label={rt('fd.col.when')}>{formatWhen(r.scheduledAt)}</td>
            </Show>
            <Num k="entries" label={rt('m.entries')} v={r.entries} />
            <Num k="views" label={rt('m.views')} v={r.views} />
            <Show when={!props.compact}>
              <Num k="uniqueViewers" label={rt('m.uniqueViewers')} v={r.uniqueViewers} />
              <Num k="peakConcurrent" label={rt('m.peakConcurrent')} v={r.peakConcurrent} />
            </Show>
            <Num k="applications" label={rt('m.applications')} v={r.applications} />
            <Num k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </Table>
  )
}

export function CompanyTable(props: { rows: CompanyRow[] }) {
  return (
    <Table class="companies-table" numFrom={1} head={[rt('fd.col.company'), rt('fd.col.streams'), rt('m.entries'), rt('m.views'), rt('m.uniqueViewers'), rt('m.applications'), rt('m.placements')]}>
      <For each={props.rows}>
        {(r) => (
          <tr data-company={r.companyId}>
            <th scope="row">{r.name}</th>
            <Num k="streams" label={rt('fd.col.streams')} v={r.streams} />
            <Num k="entries" label={rt('m.entries')} v={r.entries} />
            <Num k="views" label={rt('m.views')} v={r.views} />
            <Num k="uniqueViewers" label={rt('m.uniqueViewers')} v={r.uniqueViewers} />
            <Num k="applications" label={rt('m.applications')} v={r.applications} />
            <Num k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </Table>
  )
}

export function TownTable(props: { rows: TownRow[] }) {
  return (
    <Table class="towns-table" numFrom={1} head={[rt('fd.col.town'), rt('m.applications'), rt('m.placements')]}>
      <For each={props.rows}>
        {(r) => (
          <tr data-town={r.town}>
            <th scope="row">{r.town}</th>
            <Num k="applications" label={rt('m.applications')} v={r.applications} />
            <Num k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </Table>
  )
}

export function StationTable(props: { rows: StationRow[] }) {
  return (
    <Table class="stations-table" numFrom={2} head={[rt('fd.col.station'), rt('fd.col.town'), rt('m.applications'), rt('m.placements')]}>
      <For each={props.rows}>
        {(r) => (
          <tr data-station={r.stationId}>
            <th scope="row">{r.name}</th>
            <td data-label={rt('fd.col.town')}>{r.town ?? '—'}</td>
            <Num k="applications" label={rt('m.applications')} v={r.applications} />
            <Num k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </Table>
  )
}
