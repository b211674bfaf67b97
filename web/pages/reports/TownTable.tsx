import { For } from 'solid-js'
import type { FairStats } from '../../lib/queries/reports.ts'
import { rt } from '../../lib/report-words.ts'
import { BreakdownTable, NumCell } from './BreakdownTable.tsx'

export type TownRow = FairStats['towns'][number]

/** Applications and placements by the applicants' town. */
export function TownTable(props: { rows: TownRow[] }) {
  return (
    <BreakdownTable class="towns-table" numFrom={1} head={[rt('fd.col.town'), rt('m.applications'), rt('m.placements')]}>
      <For each={props.rows}>
        {(r) => (
          <tr data-town={r.town}>
            <th scope="row">{r.town}</th>
            <NumCell k="applications" label={rt('m.applications')} v={r.applications} />
            <NumCell k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </BreakdownTable>
  )
}
