import { A, useParams } from '@solidjs/router'
import { Show } from 'solid-js'
import { loadStream } from '../../lib/queries/streams.ts'
import type { StreamDetail } from '../../lib/api.ts'
import { formatClock, formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { me } from '../../lib/session.ts'
import { createLoad } from '../../lib/load.ts'
import { applicantsCsv, loadStreamStats, type StreamStats } from '../../lib/queries/reports.ts'
import { avgWatchSeconds, duration, num } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { ApplicantTable } from './ApplicantTable.tsx'
import { Funnel } from './Funnel.tsx'
import { ExportButton } from './ExportButton.tsx'
import { Freshness } from './Freshness.tsx'
import { SeriesCharts } from './SeriesCharts.tsx'
import { ModerationLog } from './ModerationLog.tsx'
import { ChannelTable } from './ChannelTable.tsx'
import { Tiles, type Tile } from './Tiles.tsx'
import { useReportStyles } from './report-styles.ts'
import { LoadState } from '../../components/LoadState.tsx'
import { RequireRole } from '../../components/RequireRole.tsx'

const LIVE_MS = 5_000
const WAITING_MS = 30_000

/** /studio/report/:id (the company) and /admin/streams/:id (organizers): one stream's numbers, live and after. */
export default function StreamReport() {
  useReportStyles()
  return (
    <RequireRole role={['recruiter', 'assistant', 'organizer']} denied={rt('state.onlyOwners')}>
      <Report />
    </RequireRole>
  )
}

async function loadAll(id: string) {
  const [detail, stats] = await Promise.all([loadStream(id), loadStreamStats(id)])
  return { detail, stats }
}

export function headline(s: StreamStats, live: boolean): Tile[] {
  const avg = avgWatchSeconds(s)
  return [
    { key: 'entries', label: rt('m.entries'), value: s.entries },
    { key: 'views', label: rt('m.views'), value: s.views, hint: rt('m.viewsHint') },
    { key: 'uniqueViewers', label: rt('m.uniqueViewers'), value: s.uniqueViewers },
    { key: 'peakConcurrent', label: rt('m.peakConcurrent'), value: s.peakConcurrent },
    ...(live ? [{ key: 'concurrent', label: rt('m.concurrent'), value: s.concurrent }] : []),
    { key: 'avgWatch', label: rt('m.avgWatch'), value: duration(avg), raw: avg, hint: rt('m.avgWatchHint') },
    { key: 'comments', label: rt('m.comments'), value: s.comments },
    { key: 'commenters', label: rt('m.commenters'), value: s.commenters },
    { key: 'likes', label: rt('m.likes'), value: s.likes },
    { key: 'reservations', label: rt('m.reservations'), value: s.reservations, hint: rt('m.reservationsHint') },
    { key: 'applications', label: rt('m.applications'), value: s.applications },
    { key: 'placements', label: rt('m.placements'), value: s.placements },
  ]
}

function Report() {
  const params = useParams<{ id: string }>()
  const organizer = () => me()?.user.role === 'organizer'
  // The company's 场控 sees the numbers, masked applicants, never a CSV (the server refuses it too).
  const recruiter = () => me()?.user.role === 'recruiter'
  const data = createLoad(() => params.id, loadAll, {
    every: (d) => (!d ? LIVE_MS : d.detail.stream.status === 'live' ? LIVE_MS : d.detail.stream.status === 'ended' && d.stats.final ? null : WAITING_MS),
  })
  const back = () => {
    const s = data.data()?.detail.stream
    if (!organizer()) return { href: '/studio?tab=streams', label: rt('sr.back') }
    return s?.fairId ? { href: `/admin/fairs/${s.fairId}`, label: rt('sr.backFair') } : { href: '/admin/overview', label: rt('sr.backOverview') }
  }
  return (
    <main class="report">
      <A href={back().href} class="back-link">
        ‹ {back().label}
      </A>
      <Show when={data.data()} fallback={<LoadState of={data} notFound={<p class="empty">{rt('sr.notFound')}</p>} />}>
        {(d) => {
          const stream = () => d().detail.stream
          const stats = () => d().stats
          const live = () => stream().status === 'live'
          const series = () => stats().series
          return (
            <>
              <header class="report-head">
                <p class="kicker">{rt('sr.kicker')}</p>
                <h1>{stream().title}</h1>
                <p class="report-meta">
                  <StatusBadge status={stream().status} /> <span class="company">{d().detail.company?.name}</span> · <StreamTimes stream={stream()} />
                </p>
                <div class="actions">
                  <Show when={!organizer() && stream().status !== 'ended'}>
                    <A href={`/studio/live/${stream().id}`} class="button">
                      {rt('sr.console')}
                    </A>
                  </Show>
                  <A href={`/watch/${stream().id}`} class="button">
                    {t('studio.view')}
                  </A>
                  <Show when={recruiter() || organizer()}>
                    <ExportButton label={rt('sr.csv')} request={() => applicantsCsv(stream().id)} filename={`applications-${stream().id}.csv`} />
                  </Show>
                </div>
              </header>
              <Show when={stream().status === 'scheduled'}>
                <p class="notice">{rt('sr.scheduled')}</p>
              </Show>
              <Show when={stream().status === 'ended'}>
                <p class={`notice ${stats().final ? 'ok' : ''}`} data-final={stats().final ? 'true' : 'false'}>
                  {stats().final ? rt('sr.final') : rt('sr.notFinal')}
                </p>
              </Show>
              <Freshness at={data.at()} error={data.error()} note={live() ? rt('sr.live') : undefined} />
              <Tiles label={rt('sr.headline')} tiles={headline(stats(), live())} />
              <Show when={stats().suspectEvents > 0}>
                <p class="notice" data-suspect={stats().suspectEvents}>
                  {rt('sr.suspect', { n: num(stats().suspectEvents) })}
                </p>
              </Show>
              <SeriesCharts series={series()} />
              <Funnel stats={stats()} jobs={d().detail.jobs} />
              <ChannelTable rows={stats().channels} />
              <ApplicantTable streamId={stream().id} jobs={d().detail.jobs} count={stats().applications} owner={recruiter()} day={stream().startedAt ?? stream().scheduledAt} onChanged={() => void data.refetch()} />
              <ModerationLog streamId={stream().id} live={live()} />
            </>
          )
        }}
      </Show>
    </main>
  )
}

/** When it really went on air (and off), not when it was planned; the plan until it starts. */
function StreamTimes(props: { stream: StreamDetail['stream'] }) {
  return (
    <Show
      when={props.stream.startedAt}
      fallback={<time datetime={props.stream.scheduledAt}>{rt('sr.scheduledAt', { when: formatWhen(props.stream.scheduledAt) })}</time>}
    >
      {(started) => (
        <>
          <time datetime={started()} data-started>
            {rt('sr.startedAt', { when: formatWhen(started()) })}
          </time>
          <Show when={props.stream.endedAt}>
            {(ended) => (
              <>
                {' · '}
                <time datetime={ended()}>{rt('sr.endedAt', { when: formatClock(ended(), new Date(started())) })}</time>
              </>
            )}
          </Show>
        </>
      )}
    </Show>
  )
}
