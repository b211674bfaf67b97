import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { formatWhen } from '../../lib/format.ts'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import type { FairStats } from '../../lib/queries/reports.ts'
import { rt } from '../../lib/report-words.ts'
import { BreakdownTable, NumCell } from './BreakdownTable.tsx'

export type StreamRow = FairStats['streams'][number]

/** Every stream's numbers; `compact` (the wall screen's half-width panel) keeps the main ones. */
export function StreamTable(props: { rows: StreamRow[]; links?: boolean; compact?: boolean }) {
  const head = () =>
    props.compact
      ? [rt('fd.col.stream'), rt('fd.col.status'), rt('m.entries'), rt('m.views'), rt('m.applications'), rt('m.placements')]
      : [rt('fd.col.stream'), rt('fd.col.company'), rt('fd.col.status'), rt('fd.col.when'), rt('m.entries'), rt('m.views'), rt('m.uniqueViewers'), rt('m.peakConcurrent'), rt('m.applications'), rt('m.placements')]
  return (
    <BreakdownTable class="streams-table" numFrom={props.compact ? 2 : 4} head={head()}>
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
            <NumCell k="entries" label={rt('m.entries')} v={r.entries} />
            <NumCell k="views" label={rt('m.views')} v={r.views} />
            <Show when={!props.compact}>
              <NumCell k="uniqueViewers" label={rt('m.uniqueViewers')} v={r.uniqueViewers} />
              <NumCell k="peakConcurrent" label={rt('m.peakConcurrent')} v={r.peakConcurrent} />
            </Show>
            <NumCell k="applications" label={rt('m.applications')} v={r.applications} />
            <NumCell k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </BreakdownTable>
  )
}
