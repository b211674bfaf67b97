import { For } from 'solid-js'
import type { FairStats } from '../../lib/queries/reports.ts'
import { rt } from '../../lib/report-words.ts'
import { BreakdownTable, NumCell } from './BreakdownTable.tsx'

export type CompanyRow = FairStats['companies'][number]

/** Each company's streams and numbers in the fair. */
export function CompanyTable(props: { rows: CompanyRow[] }) {
  return (
    <BreakdownTable class="companies-table" numFrom={1} head={[rt('fd.col.company'), rt('fd.col.streams'), rt('m.entries'), rt('m.views'), rt('m.uniqueViewers'), rt('m.applications'), rt('m.placements')]}>
      <For each={props.rows}>
        {(r) => (
          <tr data-company={r.companyId}>
            <th scope="row">{r.name}</th>
            <NumCell k="streams" label={rt('fd.col.streams')} v={r.streams} />
            <NumCell k="entries" label={rt('m.entries')} v={r.entries} />
            <NumCell k="views" label={rt('m.views')} v={r.views} />
            <NumCell k="uniqueViewers" label={rt('m.uniqueViewers')} v={r.uniqueViewers} />
            <NumCell k="applications" label={rt('m.applications')} v={r.applications} />
            <NumCell k="placements" label={rt('m.placements')} v={r.placements} />
          </tr>
        )}
      </For>
    </BreakdownTable>
  )
}
