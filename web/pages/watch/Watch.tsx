import { A, useParams } from '@solidjs/router'
import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js'
import { api, asFailure, call, type Job, type StreamDetail } from '../../lib/api.ts'
import { t } from '../../lib/i18n.ts'
import { createLive, liveJob } from '../../lib/live.ts'
import { applied } from '../../lib/outbox.ts'
import { LiveJobCard } from '../../components/LiveJobCard.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { ApplyNotices } from './ApplyNotices.tsx'
import { ApplySheet } from './ApplySheet.tsx'
import { RoomTop } from './RoomTop.tsx'
import { Stage } from './Stage.tsx'
import { StreamAbout } from './StreamAbout.tsx'

/** /watch/:id — the live room. */
export default function Watch() {
  const params = useParams<{ id: string }>()
  const [data, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.streams[':id'].$get({ param: { id } })),
  )
  const failure = () => (data.error ? asFailure(data.error) : null)
  return (
    <Switch>
      <Match when={failure()?.status === 404}>
        <main>
          <p class="empty">{t('watch.notFound')}</p>
          <A href="/" class="button">
            {t('common.back')}
          </A>
        </main>
      </Match>
      <Match when={!data.error && data()} keyed>
        {(d) => <Room detail={d} />}
      </Match>
      <Match when={true}>
        <main>
          <LoadState loading={data.loading} error={failure()} onRetry={refetch} />
        </main>
      </Match>
    </Switch>
  )
}

function Room(props: { detail: StreamDetail }) {
  const { stream, company, jobs } = props.detail
  const live = createLive(stream.id)
  const byId = new Map(jobs.map((j) => [j.id, j]))
  const status = () => live.state()?.status ?? stream.status
  const pinned = () => {
    const p = live.state()?.pinned
    return p ? byId.get(p.jobId) : undefined
  }
  const [drawer, setDrawer] = createSignal(false)
  const [applying, setApplying] = createSignal<Job | null>(null)
  const card = (job: Job, isPinned: () => boolean) => (
    <LiveJobCard job={job} numbers={liveJob(live.state(), job.id)} pinned={isPinned()} applied={!!applied()[job.id]} onApply={() => setApplying(job)} />
  )

  return (
    <div class="room">
      <section class="room-stage">
        <Stage streamId={stream.id} status={status()} scheduledAt={stream.scheduledAt} onMetadata={live.accept} />
        <RoomTop title={stream.title} company={company?.name ?? ''} status={status()} viewers={live.state()?.viewers ?? 0} />
        <ApplyNotices streamId={stream.id} jobs={byId} />
        <div class="dock">
          <Show when={pinned()} keyed>
            {(job) => (
              <section class="pinned-dock" aria-label={t('watch.pinned')}>
                {card(job, () => true)}
              </section>
            )}
          </Show>
          <button type="button" class="all-jobs" aria-expanded={drawer()} onClick={() => setDrawer(true)}>
            {t('watch.allJobsN', { n: jobs.length })}
          </button>
        </div>
      </section>
      <Show when={drawer()}>
        <div class="drawer-backdrop" onClick={() => setDrawer(false)} />
      </Show>
      <aside class="room-side" classList={{ open: drawer() }} aria-label={t('watch.allJobs')}>
        <div class="side-head">
          <h2>{t('watch.allJobs')}</h2>
          <button type="button" class="icon-button side-close" aria-label={t('watch.close')} onClick={() => setDrawer(false)}>
            ×
          </button>
        </div>
        <Show when={jobs.length} fallback={<p class="empty">{t('watch.noJobs')}</p>}>
          <div class="side-jobs">
            <For each={jobs}>{(job) => card(job, () => pinned()?.id === job.id)}</For>
          </div>
        </Show>
        <StreamAbout detail={props.detail} />
      </aside>
      <ApplySheet streamId={stream.id} company={company?.name ?? ''} job={applying()} onClose={() => setApplying(null)} />
    </div>
  )
}
