import { A, useParams, useSearchParams } from '@solidjs/router'
import { Show, createSignal, type JSX } from 'solid-js'
import { formatWhen } from '../../lib/format.ts'
import { locale, setLocale, t } from '../../lib/i18n.ts'
import { createLoad } from '../../lib/load.ts'
import { loadFairStats, loadScreenStats, type FairStats } from '../../lib/queries/reports.ts'
import type { Load } from '../../lib/load.ts'
import { pt } from '../../lib/page-words.ts'
import { clock } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { BarChart } from '../../components/charts/BarChart.tsx'
import { CompanyTable } from './CompanyTable.tsx'
import { StationTable } from './StationTable.tsx'
import { StreamTable } from './StreamTable.tsx'
import { TownTable } from './TownTable.tsx'
import { fairTiles } from './fair-tiles.ts'
import { top } from './top-rows.ts'
import { Tiles } from './Tiles.tsx'
import { useReportStyles } from './report-styles.ts'
import { LoadState } from '../../components/LoadState.tsx'
import { RequireRole } from '../../components/RequireRole.tsx'

const REFRESH_MS = 10_000
const TOP = 8

// The wall keeps to the big outcomes; averages and the conversation's numbers stay on the desk dashboard.
const OFF_WALL = new Set(['avgWatch', 'comments', 'commenters', 'likes'])

/** /screen/fairs/:id — the fair's numbers for a wall display: dark, big, no header, every 10 s. */
export default function BigScreen() {
  useReportStyles()
  return (
    <div class="screen">
      <RequireRole role={['organizer']} denied={t('admin.onlyOrganizers')}>
        <FairWall />
      </RequireRole>
    </div>
  )
}

function FairWall() {
  const params = useParams<{ id: string }>()
  const [search] = useSearchParams<{ from?: string; to?: string }>()
  const data = createLoad(
    () => ({ id: params.id, from: search.from, to: search.to }),
    (q) => loadFairStats(q.id, q.from, q.to),
    { every: () => REFRESH_MS },
  )
  return <Wall data={data} exit={`/admin/fairs/${params.id}`} notFound={rt('fd.notFound')} />
}

/**
 * /screen/s/:token — the same wall through a read-only link the organizer made (and may revoke):
 * no session, for the hall's screen. Revoked, it stops showing numbers at its next refresh.
 */
export function LinkedScreen() {
  useReportStyles()
  const params = useParams<{ token: string }>()
  const data = createLoad(() => params.token, loadScreenStats, { every: () => REFRESH_MS })
  return (
    <div class="screen">
      <Wall data={data} notFound={pt('sl.gone')} />
    </div>
  )
}

function Panel(props: { id: string; title: string; count: number; empty: string; tables: boolean; chart: () => JSX.Element; table: () => JSX.Element }) {
  return (
    <section class="screen-panel" aria-labelledby={`${props.id}-title`} data-section={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <Show when={props.count} fallback={<p class="screen-empty">{props.empty}</p>}>
        <Show when={props.tables} fallback={props.chart()}>
          {props.table()}
        </Show>
      </Show>
    </section>
  )
}

function Wall(props: { data: Load<FairStats>; exit?: string; notFound: string }) {
  const [tables, setTables] = createSignal(false)
  const data = props.data
  const gone = () => data.error()?.status === 404
  return (
    <Show when={!gone() && data.data()} fallback={<div class="screen-wait"><LoadState of={data} notFound={<p class="empty">{props.notFound}</p>} /></div>}>
      {(d) => {
        const live = () => d().streams.filter((s) => s.status === 'live').length
        return (
          <div class="screen-body">
            <header class="screen-head">
              <div>
                <h1>{d().fair.title}</h1>
                <p class="screen-sub">{t('fair.dates', { from: formatWhen(d().fair.startsAt), to: formatWhen(d().fair.endsAt) })}</p>
              </div>
              {/* people in the hall scan it to watch on their phones: counted as the 大屏's channel */}
              <figure class="screen-qr">
                <img src={`/api/fairs/${encodeURIComponent(d().fair.id)}/qr.png?src=screen`} alt={rt('bs.scanAlt')} width="132" height="132" />
                <figcaption>{rt('bs.scan')}</figcaption>
              </figure>
              <div class="screen-side">
                <Show when={live() > 0}>
                  <span class="screen-live">
                    <span class="live-dot" aria-hidden="true" />
                    {rt('bs.live', { n: live() })}
                  </span>
                </Show>
                <span class="screen-time" role="status">
                  <Show when={data.at()}>{rt('bs.updated', { time: clock(data.at()!) })}</Show>
                  <Show when={data.error()}>{' · '}{rt('state.stale', { time: data.at() ? clock(data.at()!) : '—' })}</Show>
                </span>
                <div class="screen-tools">
                  <button type="button" onClick={() => setTables(!tables())} aria-pressed={tables()}>
                    {tables() ? rt('bs.showCharts') : rt('bs.showTables')}
                  </button>
                  <button type="button" onClick={() => setLocale(locale() === 'zh' ? 'en' : 'zh')} aria-label={t('nav.lang')}>
                    {t('nav.langShort')}
                  </button>
                  <Show when={props.exit}>
                    {(href) => (
                      <A href={href()} class="button">
                        {rt('bs.exit')}
                      </A>
                    )}
                  </Show>
                </div>
              </div>
            </header>
            <Tiles label={rt('fd.totals')} tiles={fairTiles(d()).filter((m) => !OFF_WALL.has(m.key))} class="screen-tiles" />
            <div class="screen-grid" classList={{ 'screen-tables': tables() }}>
              <Panel
                id="by-stream"
                title={rt('fd.chartViews')}
                count={d().streams.length}
                empty={rt('fd.noStreams')}
                tables={tables()}
                chart={() => {
                  const rows = () => top(d().streams, (r) => r.views, TOP)
                  return <BarChart theme="dark" label={rt('fd.chartViews')} labels={rows().map((r) => r.title)} values={rows().map((r) => r.views)} color="views" />
                }}
                table={() => <StreamTable rows={d().streams} compact />}
              />
              <Panel
                id="by-company"
                title={rt('fd.chartCompanyApps')}
                count={d().companies.length}
                empty={rt('fd.noStreams')}
                tables={tables()}
                chart={() => {
                  const rows = () => top(d().companies, (r) => r.applications, TOP)
                  return <BarChart theme="dark" label={rt('fd.chartCompanyApps')} labels={rows().map((r) => r.name)} values={rows().map((r) => r.applications)} color="apps" />
                }}
                table={() => <CompanyTable rows={d().companies} />}
              />
              <Panel
                id="by-town"
                title={rt('fd.chartTownApps')}
                count={d().towns.length}
                empty={rt('fd.noTowns')}
                tables={tables()}
                chart={() => {
                  const rows = () => top(d().towns, (r) => r.applications, TOP)
                  return <BarChart theme="dark" label={rt('fd.chartTownApps')} labels={rows().map((r) => r.town)} values={rows().map((r) => r.applications)} color="apps" />
                }}
                table={() => <TownTable rows={d().towns} />}
              />
              <Panel
                id="by-station"
                title={rt('fd.chartStationApps')}
                count={d().stations.length}
                empty={rt('fd.noStations')}
                tables={tables()}
                chart={() => {
                  const rows = () => top(d().stations, (r) => r.applications, TOP)
                  return <BarChart theme="dark" label={rt('fd.chartStationApps')} labels={rows().map((r) => r.name)} values={rows().map((r) => r.applications)} color="hired" />
                }}
                table={() => <StationTable rows={d().stations} />}
              />
            </div>
          </div>
        )
      }}
    </Show>
  )
}
