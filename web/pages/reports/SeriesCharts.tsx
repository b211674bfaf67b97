import { For } from 'solid-js'
import { num } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { ChartCard } from '../../components/charts/ChartCard.tsx'
import { TimeChart } from '../../components/charts/TimeChart.tsx'

type Series = { t: string; concurrent: number; applications: number }[]

/** Viewers online (highest each minute) and applications per minute, each with its table. */
export function SeriesCharts(props: { series: Series }) {
  const table = () => (
    <div class="table-wrap">
      <table class="rtable minute-table">
        <thead>
          <tr>
            <th scope="col">{rt('sr.minute')}</th>
            <th scope="col" class="num">
              {rt('m.concurrent')}
            </th>
            <th scope="col" class="num">
              {rt('m.applications')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.series}>
            {(p) => (
              <tr data-t={p.t}>
                <th scope="row">{new Date(p.t).toTimeString().slice(0, 5)}</th>
                <td class="num" data-label={rt('m.concurrent')}>
                  {num(p.concurrent)}
                </td>
                <td class="num" data-label={rt('m.applications')}>
                  {num(p.applications)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  )
  const times = () => props.series.map((p) => p.t)
  const empty = () => props.series.length === 0 && rt('sr.noSeries')
  return (
    <div class="report-grid">
      <ChartCard
        id="concurrent"
        title={rt('sr.concurrentChart')}
        empty={empty()}
        chart={() => <TimeChart label={rt('sr.concurrentChart')} times={times()} values={props.series.map((p) => p.concurrent)} kind="line" color="views" height={240} />}
        table={table}
      />
      <ChartCard
        id="apps-per-minute"
        title={rt('sr.appsChart')}
        empty={empty()}
        chart={() => <TimeChart label={rt('sr.appsChart')} times={times()} values={props.series.map((p) => p.applications)} kind="bars" color="apps" height={240} />}
        table={table}
      />
    </div>
  )
}
