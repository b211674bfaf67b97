import { For, Show, createSignal } from 'solid-js'
import type { Job } from '../../lib/api.ts'
import type { StreamStats } from '../../lib/queries/reports.ts'
import { num, pct } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { BarChart } from '../../components/charts/BarChart.tsx'

type Step = { impressions: number; clicks: number; applications: number; placements: number }
const STEPS = ['impressions', 'clicks', 'applications', 'placements'] as const

/** Impressions → clicks → applications → placements per job card: a bar chart of one job (or all) and the full table. */
export function Funnel(props: { stats: StreamStats; jobs: Job[] }) {
  const [picked, setPicked] = createSignal<string>('all')
  const title = (jobId: string) => props.jobs.find((j) => j.id === jobId)?.title ?? rt('sr.closedJob')
  const total = (): Step => props.stats
  const chosen = (): Step => (picked() === 'all' ? total() : (props.stats.jobs.find((j) => j.jobId === picked()) ?? total()))
  const stepLabel = (k: (typeof STEPS)[number]) => rt(`m.${k}`)
  const cells = (row: Step) => (
    <>
      <td data-label={rt('m.impressions')} data-metric="impressions">{num(row.impressions)}</td>
      <td data-label={rt('m.clicks')} data-metric="clicks">{num(row.clicks)}</td>
      <td data-label={rt('sr.clickRate')} data-metric="clickRate">{pct(row.clicks, row.impressions)}</td>
      <td data-label={rt('m.applications')} data-metric="applications">{num(row.applications)}</td>
      <td data-label={rt('sr.applyRate')} data-metric="applyRate">{pct(row.applications, row.clicks)}</td>
      <td data-label={rt('m.placements')} data-metric="placements">{num(row.placements)}</td>
      <td data-label={rt('sr.hireRate')} data-metric="hireRate">{pct(row.placements, row.applications)}</td>
    </>
  )
  return (
    <section class="panel" aria-labelledby="funnel-title" data-section="funnel">
      <h2 id="funnel-title">{rt('sr.funnel')}</h2>
      <p class="muted small-print">{rt('sr.funnelHint')}</p>
      <Show when={props.stats.jobs.length} fallback={<p class="empty">{rt('sr.noJobs')}</p>}>
        <label class="inline-pick">
          <span>{rt('sr.pickJob')}</span>
          <select value={picked()} onChange={(e) => setPicked(e.currentTarget.value)}>
            <option value="all">{rt('sr.allJobs')}</option>
            <For each={props.stats.jobs}>{(j) => <option value={j.jobId}>{title(j.jobId)}</option>}</For>
          </select>
        </label>
        <BarChart
          label={rt('sr.funnelOf', { job: picked() === 'all' ? rt('sr.allJobs') : title(picked()) })}
          labels={STEPS.map(stepLabel)}
          values={STEPS.map((k) => chosen()[k])}
          color="apps"
        />
        <div class="table-wrap">
          <table class="rtable funnel-table">
            <thead>
              <tr>
                <th scope="col">{rt('sr.job')}</th>
                <th scope="col" class="num">{rt('m.impressions')}</th>
                <th scope="col" class="num">{rt('m.clicks')}</th>
                <th scope="col" class="num">{rt('sr.clickRate')}</th>
                <th scope="col" class="num">{rt('m.applications')}</th>
                <th scope="col" class="num">{rt('sr.applyRate')}</th>
                <th scope="col" class="num">{rt('m.placements')}</th>
                <th scope="col" class="num">{rt('sr.hireRate')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.stats.jobs}>
                {(j) => (
                  <tr data-job={j.jobId}>
                    <th scope="row">{title(j.jobId)}</th>
                    {cells(j)}
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr data-job="total">
                <th scope="row">{rt('sr.total')}</th>
                {cells(total())}
              </tr>
            </tfoot>
          </table>
        </div>
      </Show>
    </section>
  )
}
