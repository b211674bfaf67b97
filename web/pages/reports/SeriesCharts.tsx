import { For } from 'solid-js'
import { num } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { ChartCard } from '../../components/charts/ChartCard.tsx'
import { TimeChart } from '../../components/charts/TimeChart.tsx'

type Series = { t: string; concurrent: number; applications: number; comments: number; likes: number }[]

// The per-minute columns the table shows, in order.
const COLS = ['concurrent', 'applications', 'comments', 'likes'] as const

/** Viewers online (highest each minute), applications, comments and likes per minute, each with the one table. */
export function SeriesCharts(props: { series: Series }) {
  const table = () => (
    <div class="table-wrap">
      <table class="rtable minute-table">
        <thead>
          <tr>
            <th scope="col">{rt('sr.minute')}</th>
            <For each={COLS}>
              {(k) => (
                <th scope="col" class="num">
                  {rt(`m.${k}`)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.series}>
            {(p) => (
              <tr data-t={p.t}>
                <th scope="row">{new Date(p.t).toTimeString().slice(0, 5)}</th>
                <For each={COLS}>
                  {(k) => (
                    <td class="num" data-col={k} data-label={rt(`m.${k}`)}>
                      {num(p[k])}
                    </td>
                  )}
                </For>
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
      <ChartCard
        id="comments-per-minute"
        title={rt('sr.commentsChart')}
        empty={empty()}
        chart={() => <TimeChart label={rt('sr.commentsChart')} times={times()} values={props.series.map((p) => p.comments)} kind="bars" color="views" height={240} />}
        table={table}
      />
      <ChartCard
        id="likes-per-minute"
        title={rt('sr.likesChart')}
        empty={empty()}
        chart={() => <TimeChart label={rt('sr.likesChart')} times={times()} values={props.series.map((p) => p.likes)} kind="bars" color="hired" height={240} />}
        table={table}
      />
    </div>
  )
}
