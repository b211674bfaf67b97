import { A, useParams, useSearchParams } from '@solidjs/router'
import { Show, createSignal, type JSX } from 'solid-js'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { createLoad } from '../../lib/load.ts'
import { fairChannelsCsv, fairReportCsv, loadFairStats } from '../../lib/queries/reports.ts'
import { rt } from '../../lib/report-words.ts'
import { BarChart } from '../../components/charts/BarChart.tsx'
import { CompanyTable } from './CompanyTable.tsx'
import { StationTable } from './StationTable.tsx'
import { StreamTable } from './StreamTable.tsx'
import { TownTable } from './TownTable.tsx'
import { fairTiles } from './fair-tiles.ts'
import { top } from './top-rows.ts'
import { ExportButton } from './ExportButton.tsx'
import { ChannelTable } from './ChannelTable.tsx'
import { ShareButton } from '../../components/ShareButton.tsx'
import { ScreenLinks } from './ScreenLinks.tsx'
import { Freshness } from './Freshness.tsx'
import { SeriesCharts } from './SeriesCharts.tsx'
import { Tiles } from './Tiles.tsx'
import { useReportStyles } from './report-styles.ts'
import { LoadState } from '../../components/LoadState.tsx'
import { RequireRole } from '../../components/RequireRole.tsx'

const LIVE_MS = 15_000
const CHART_TOP = 10

/** /admin/fairs/:id — a fair's numbers by stream, company, town and station, for a date range. */
export default function FairDashboard() {
  useReportStyles()
  return (
    <RequireRole role={['organizer']} denied={t('admin.onlyOrganizers')}>
      <Dashboard />
    </RequireRole>
  )
}

/** A breakdown: the top rows as a chart above the full table, or the empty text. */
function Breakdown(props: { id: string; title: string; hint?: string; count: number; empty: string; chart: () => JSX.Element; table: () => JSX.Element }) {
  return (
    <section class="panel" aria-labelledby={`${props.id}-title`} data-section={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <Show when={props.hint}>
        <p class="muted small-print">{props.hint}</p>
      </Show>
      <Show when={props.count} fallback={<p class="empty">{props.empty}</p>}>
        {props.chart()}
        <Show when={props.count > CHART_TOP}>
          <p class="muted small-print">{rt('chart.top', { n: CHART_TOP })}</p>
        </Show>
        {props.table()}
      </Show>
    </section>
  )
}

function Dashboard() {
  const params = useParams<{ id: string }>()
  const [search, setSearch] = useSearchParams<{ from?: string; to?: string }>()
  const [from, setFrom] = createSignal(search.from ?? '')
  const [to, setTo] = createSignal(search.to ?? '')
  const [rangeError, setRangeError] = createSignal('')
  // `keep`: a new range keeps the page (and its form) while the new numbers come.
  const data = createLoad(
    () => ({ id: params.id, from: search.from, to: search.to }),
    (q) => loadFairStats(q.id, q.from, q.to),
    { every: (d) => (!d || d.streams.some((s) => s.status === 'live') ? LIVE_MS : null), keep: true },
  )
  const query = () => new URLSearchParams(Object.entries({ from: search.from ?? '', to: search.to ?? '' }).filter(([, v]) => v)).toString()
  const rangeText = () => (search.from || search.to ? `${search.from ?? '…'} – ${search.to ?? '…'}` : rt('fd.allTime'))

  function applyRange(e: SubmitEvent) {
    e.preventDefault()
    if (from() && to() && from() > to()) return setRangeError(rt('fd.rangeOrder'))
    setRangeError('')
    setSearch({ from: from() || undefined, to: to() || undefined })
  }
  function clearRange() {
    setFrom('')
    setTo('')
    setRangeError('')
    setSearch({ from: undefined, to: undefined })
  }

  return (
    <main class="report">
      <A href="/admin/overview" class="back-link">
        ‹ {rt('sr.backOverview')}
      </A>
      <Show when={data.data()} fallback={<LoadState of={data} notFound={<p class="empty">{rt('fd.notFound')}</p>} />}>
        {(d) => (
          <>
            <header class="report-head">
              <p class="kicker">{rt('fd.kicker')}</p>
              <h1>{d().fair.title}</h1>
              <p class="report-meta">{t('fair.dates', { from: formatWhen(d().fair.startsAt), to: formatWhen(d().fair.endsAt) })}</p>
              <div class="actions">
                <A href={`/screen/fairs/${params.id}${query() ? `?${query()}` : ''}`} class="button">
                  {rt('fd.screen')}
                </A>
                <ExportButton label={rt('fd.csv')} request={() => fairReportCsv(params.id, search.from, search.to)} filename={`fair-${params.id}-report.csv`} />
                <ExportButton label={rt('fd.channelsCsv')} request={() => fairChannelsCsv(params.id, search.from, search.to)} filename={`fair-${params.id}-channels.csv`} />
                <ShareButton target={() => ({ kind: 'fair', id: d().fair.id, title: d().fair.title, startsAt: d().fair.startsAt, endsAt: d().fair.endsAt })} />
              </div>
            </header>
            <form class="panel range" onSubmit={applyRange} novalidate aria-labelledby="range-title">
              <h2 id="range-title">{rt('fd.range')}</h2>
              <div class="range-fields">
                <label>
                  <span>{rt('fd.from')}</span>
                  <input type="date" name="from" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} aria-invalid={rangeError() ? 'true' : undefined} />
                </label>
                <label>
                  <span>{rt('fd.to')}</span>
                  <input type="date" name="to" value={to()} onInput={(e) => setTo(e.currentTarget.value)} aria-invalid={rangeError() ? 'true' : undefined} />
                </label>
                <div class="range-buttons">
                  <button type="submit" class="primary">
                    {rt('fd.apply')}
                  </button>
                  <button type="button" onClick={clearRange}>
                    {rt('fd.clear')}
                  </button>
                </div>
              </div>
              <Show when={rangeError()}>
                <p class="error" role="alert">
                  {rangeError()}
                </p>
              </Show>
              <p class="muted" data-range={query()}>
                {rt('fd.rangeNow', { range: rangeText() })}
              </p>
            </form>
            <Freshness at={data.at()} error={data.error()} loading={data.loading()} note={d().streams.some((s) => s.status === 'live') ? rt('fd.auto') : undefined} />
            <Tiles label={rt('fd.totals')} tiles={fairTiles(d())} />
            <SeriesCharts series={d().series} />
            <Breakdown
              id="by-stream"
              title={rt('fd.byStream')}
              count={d().streams.length}
              empty={rt('fd.noStreams')}
              chart={() => {
                const rows = () => top(d().streams, (r) => r.views, CHART_TOP)
                return <BarChart label={rt('fd.chartViews')} labels={rows().map((r) => r.title)} values={rows().map((r) => r.views)} color="views" />
              }}
              table={() => <StreamTable rows={d().streams} links />}
            />
            <Breakdown
              id="by-company"
              title={rt('fd.byCompany')}
              count={d().companies.length}
              empty={rt('fd.noStreams')}
              chart={() => {
                const rows = () => top(d().companies, (r) => r.applications, CHART_TOP)
                return <BarChart label={rt('fd.chartCompanyApps')} labels={rows().map((r) => r.name)} values={rows().map((r) => r.applications)} color="apps" />
              }}
              table={() => <CompanyTable rows={d().companies} />}
            />
            <Breakdown
              id="by-town"
              title={rt('fd.byTown')}
              hint={rt('fd.byTownHint')}
              count={d().towns.length}
              empty={rt('fd.noTowns')}
              chart={() => {
                const rows = () => top(d().towns, (r) => r.applications, CHART_TOP)
                return <BarChart label={rt('fd.chartTownApps')} labels={rows().map((r) => r.town)} values={rows().map((r) => r.applications)} color="apps" />
              }}
              table={() => <TownTable rows={d().towns} />}
            />
            <Breakdown
              id="by-station"
              title={rt('fd.stations')}
              hint={rt('fd.stationsHint')}
              count={d().stations.length}
              empty={rt('fd.noStations')}
              chart={() => {
                const rows = () => top(d().stations, (r) => r.applications, CHART_TOP)
                return <BarChart label={rt('fd.chartStationApps')} labels={rows().map((r) => r.name)} values={rows().map((r) => r.applications)} color="hired" />
              }}
              table={() => <StationTable rows={d().stations} />}
            />
            <ChannelTable rows={d().channels} />
            <ScreenLinks fairId={params.id} />
          </>
        )}
      </Show>
    </main>
  )
}
