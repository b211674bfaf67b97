import { For } from 'solid-js'
import type { FairStats } from '../../lib/queries/reports.ts'
import { rt } from '../../lib/report-words.ts'
import { BreakdownTable, NumCell } from './BreakdownTable.tsx'

export type StationRow = FairStats['stations'][number]

/** Applications and placements each service station brought in. */
export function StationTable(props: { rows: StationRow[] }) {
  return (
    <BreakdownTable class="stations-table" numFrom={2} head={[rt('fd.col.station'), rt('fd.col.town'), rt('m.applications'), rt('m.placements')]}>
      <For each={props.rows}>
        {(r) => (
          <tr data-station={r.stationId}>
            <th scope="row">{r.name}</th>
            <td data-label={rt('fd.col.town')}>{r.town ?? '—'}</td>
            <NumCell k="applications" label={rt('m.applications')} v={r.applications} />
            <NumCell k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </BreakdownTable>
  )
}
