import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { listFairs } from '../../lib/queries/fairs.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { createPaged } from '../../lib/paged.ts'
import { createLoad } from '../../lib/load.ts'
import { loadOverview, type OverviewStats } from '../../lib/queries/reports.ts'
import { avgWatchSeconds, duration, num } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { BarChart } from '../../components/charts/BarChart.tsx'
import { ChartCard } from '../../components/charts/ChartCard.tsx'
import { PagedGrid } from '../../components/PagedGrid.tsx'
import { Freshness } from './Freshness.tsx'
import { Tiles } from './Tiles.tsx'
import { useReportStyles } from './report-styles.ts'
import { LoadState } from '../../components/LoadState.tsx'
import { RequireRole } from '../../components/RequireRole.tsx'

const REFRESH_MS = 30_000
const STAGES = ['entries', 'views', 'impressions', 'clicks', 'applications', 'placements'] as const

/** /admin/overview — the platform's totals ("直播带岗 482 场, 观看 55.3 万人次, 促成就业 1942 人次") and every fair. */
export default function Overview() {
  useReportStyles()
  return (
    <RequireRole role={['organizer']} denied={t('admin.onlyOrganizers')}>
      <Page />
    </RequireRole>
  )
}

function Page() {
  const data = createLoad(() => true, loadOverview, { every: () => REFRESH_MS })
  const fairs = createPaged(
    () => true as const,
    (_, cursor) => listFairs(20, cursor),
  )
  return (
    <main class="report">
      <A href="/admin" class="back-link">
        ‹ {rt('ov.back')}
      </A>
      <h1>{rt('ov.title')}</h1>
      <Show when={data.data()} fallback={<LoadState of={data} />}>
        {(d) => <Numbers d={d()} at={data.at()} error={data.error()} />}
      </Show>
      <section class="panel" aria-labelledby="fairs-title" data-section="fairs">
        <h2 id="fairs-title">{rt('ov.fairs')}</h2>
        <PagedGrid list={fairs} empty={rt('ov.noFairs')}>
          {(f) => (
            <article class="card fair-card" data-fair={f.id}>
              <h3>{f.title}</h3>
              <p class="muted">{t('fair.dates', { from: formatWhen(f.startsAt), to: formatWhen(f.endsAt) })}</p>
              <div class="actions">
                <A href={`/admin/fairs/${f.id}`} class="button">
                  {rt('ov.dashboard')}
                </A>
                <A href={`/screen/fairs/${f.id}`} class="button">
                  {rt('ov.screen')}
                </A>
              </div>
            </article>
          )}
        </PagedGrid>
      </section>
    </main>
  )
}

function Numbers(props: { d: OverviewStats; at: Date | null; error: Parameters<typeof Freshness>[0]['error'] }) {
  const d = () => props.d
  const avg = () => avgWatchSeconds(d())
  return (
    <>
      <Freshness at={props.at} error={props.error} />
      <h2>{rt('ov.supply')}</h2>
      <Tiles
        label={rt('ov.supply')}
        tiles={[
          { key: 'streamsHeld', label: rt('m.streamsHeld'), value: d().streamsHeld },
          { key: 'streamsScheduled', label: rt('m.streamsScheduled'), value: d().streamsScheduled },
          { key: 'companies', label: rt('m.companies'), value: d().companies },
          { key: 'fairs', label: rt('m.fairs'), value: d().fairs },
          { key: 'jobsOpen', label: rt('m.jobsOpen'), value: d().jobsOpen },
          { key: 'headcountOpen', label: rt('m.headcountOpen'), value: d().headcountOpen },
        ]}
      />
      <h2>{rt('ov.audience')}</h2>
      <Show when={d().streamsHeld > 0} fallback={<p class="empty">{rt('ov.noStreams')}</p>}>
        <Tiles
          label={rt('ov.audience')}
          tiles={[
            { key: 'entries', label: rt('m.entries'), value: d().entries },
            { key: 'views', label: rt('m.views'), value: d().views, hint: rt('m.viewsHint') },
            { key: 'uniqueViewers', label: rt('m.uniqueViewers'), value: d().uniqueViewers },
            { key: 'avgWatch', label: rt('m.avgWatch'), value: duration(avg()), raw: avg() },
          ]}
        />
        <h2>{rt('ov.conversation')}</h2>
        <Tiles
          label={rt('ov.conversation')}
          tiles={[
            { key: 'comments', label: rt('m.comments'), value: d().comments },
            { key: 'commenters', label: rt('m.commenters'), value: d().commenters },
            { key: 'likes', label: rt('m.likes'), value: d().likes },
          ]}
        />
        <h2>{rt('ov.outcomes')}</h2>
        <Tiles
          label={rt('ov.outcomes')}
          class="tiles-strong"
          tiles={[
            { key: 'applications', label: rt('m.applications'), value: d().applications },
            { key: 'placements', label: rt('m.placements'), value: d().placements },
          ]}
        />
        <ChartCard
          id="overview-funnel"
          title={rt('ov.funnel')}
          chart={() => <BarChart label={rt('ov.funnel')} labels={STAGES.map((k) => rt(`m.${k}`))} values={STAGES.map((k) => d()[k])} color="views" />}
          table={() => (
            <div class="table-wrap">
              <table class="rtable">
                <thead>
                  <tr>
                    <th scope="col">{rt('ov.stage')}</th>
                    <th scope="col" class="num">
                      {rt('ov.count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={STAGES}>
                    {(k) => (
                      <tr data-stage={k}>
                        <th scope="row">{rt(`m.${k}`)}</th>
                        <td data-label={rt('ov.count')} data-metric={k}>
                          {num(d()[k])}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        />
      </Show>
    </>
  )
}
