import { useParams } from '@solidjs/router'
import { Dynamic } from 'solid-js/web'
import { For, Match, Show, Suspense, Switch, createEffect, createMemo, createSignal, lazy, on, onCleanup } from 'solid-js'
import type { ApplicantStatus, Job, StreamDetail } from '../../lib/api.ts'
import { startBeacons } from '../../lib/beacons.ts'
import { createLoad } from '../../lib/load.ts'
import { loadStream } from '../../lib/queries/streams.ts'
import { t } from '../../lib/i18n.ts'
import { createOverlay, overlayJob } from '../../lib/overlay.ts'
import { createLiveJobs } from '../../lib/live-jobs.ts'
import { closeOnBack } from '../../lib/back-closes.ts'
import { applied } from '../../lib/outbox.ts'
import { LiveJobCard } from '../../components/LiveJobCard.tsx'
import { ShareButton } from '../../components/ShareButton.tsx'
import { ElderOffer, TextSizeControl } from '../../components/ElderControls.tsx'
import { LoadState, NotFoundHome } from '../../components/LoadState.tsx'
import { ApplyNotices } from './ApplyNotices.tsx'
import { ChatStart, type ChatStartWith } from './ChatStart.tsx'
import { RoomTop } from './RoomTop.tsx'
import { Stage, type Phase } from './Stage.tsx'
import { StreamAbout } from './StreamAbout.tsx'
import { NearHome } from './NearHome.tsx'
import { home } from '../../lib/home-place.ts'
import { byDistance } from '../../lib/job-words.ts'

// The conversation comes in its own chunk, when there is one (see ChatStart): video and jobs first.
const RoomChat = lazy(() => import('./chat/RoomChat.tsx'))

// The apply sheet (its form and checks) is not needed to show the room: it loads once the room
// is up and the network quiet, at the first touch, or at the tap on 立即报名, whichever is first;
// a weak network gets a few tries.
type SheetModule = typeof import('./ApplySheet.tsx')
let sheetModule: Promise<SheetModule> | null = null
async function importSheet(tries = 2): Promise<SheetModule> {
  for (let i = 0; ; i++) {
    try {
      return await import('./ApplySheet.tsx')
    } catch (e) {
      if (i >= tries) throw e
      await new Promise((r) => setTimeout(r, 1000 * 2 ** i))
    }
  }
}
const loadApplySheet = () => (sheetModule ??= importSheet().catch((e: unknown) => ((sheetModule = null), Promise.reject(e))))
const SHEET_PREFETCH_MS = 3000

/** /watch/:id — the live room. */
export default function Watch() {
  const params = useParams<{ id: string }>()
  // `keep`: going to another stream keeps this room until the next one's record is here.
  const stream = createLoad(() => params.id, loadStream, { keep: true })
  return (
    <Switch>
      {/* A background refetch (or a failed one) neither suspends nor unmounts the room. */}
      <Match when={stream.data()}>
        {(d) => (
          // One Room per stream: going from /watch/A to /watch/B must rebuild its overlay,
          // video and beacons, not keep A's.
          <Show when={d().stream.id} keyed>
            {(_id: string) => <Room detail={d()} onStale={() => void stream.refetch()} />}
          </Show>
        )}
      </Match>
      <Match when={true}>
        <main>
          <LoadState of={stream} notFound={<NotFoundHome message={t('watch.notFound')} />} />
        </main>
      </Match>
    </Switch>
  )
}

function Room(props: { detail: StreamDetail; onStale: () => void }) {
  const streamId = props.detail.stream.id
  const stream = () => props.detail.stream
  const company = () => props.detail.company?.name ?? ''
  const overlay = createOverlay(streamId)
  // Edited or closed while the viewer watches: the cards follow (pay, 已停止招聘) without a reload.
  const jobs = createLiveJobs(() => props.detail.jobs, overlay, props.onStale)
  const byId = createMemo(() => new Map(jobs().map((j) => [j.id, j])))
  // The recruiter attached a job after this page loaded: fetch the stream again (once per change).
  const unknown = createMemo(() => (overlay.state()?.jobs ?? []).filter((j) => !byId().has(j.jobId)).map((j) => j.jobId).join())
  createEffect(on(unknown, (ids) => ids && props.onStale(), { defer: true }))
  const status = () => overlay.state()?.status ?? stream().status
  const pinned = () => {
    const p = overlay.state()?.pinned
    return p ? byId().get(p.jobId) : undefined
  }
  // Nothing pinned: the stream's first open job, so the room is never a dark screen with one button.
  const featured = () => (pinned() ? undefined : jobs().find((j) => j.status === 'open'))
  const [drawer, setDrawer] = createSignal(false)
  const [applying, setApplying] = createSignal<Job | null>(null)
  // The phone's back gesture closes the sheet or the job list first, not the room.
  closeOnBack(drawer, () => setDrawer(false))
  closeOnBack(() => !!applying(), () => setApplying(null))
  // The viewer is watching, so never 「0 人在看」: the count includes them (the counters lag a little).
  const viewers = () => {
    const n = overlay.state()?.viewers
    return n === undefined ? undefined : Math.max(n, 1)
  }
  // Counting (beacons): watching = live and playing; without video (no LiveKit here, or it
  // failed) the live room itself, cards and all, is the show.
  const beacons = startBeacons(streamId)
  onCleanup(beacons.stop)
  const [phase, setPhase] = createSignal<Phase>('idle')
  // The conversation's code loads when the server pushes one (the last comments, an answer, a
  // ticker line: sent on join), when the viewer starts one, or when nothing is pushed (polling).
  const [chat, setChat] = createSignal<ChatStartWith | null>(null)
  const startChat = (w: ChatStartWith = {}) => setChat((c) => c ?? w)
  for (const ev of ['comments', 'pinned-answer', 'ticker']) onCleanup(overlay.listen(ev, () => startChat()))
  createEffect(() => overlay.transport() === 'poll' && startChat())
  const watching = createMemo(() => status() === 'live' && (phase() === 'playing' || phase() === 'disabled' || phase() === 'failed'))
  createEffect(() => beacons.watching(watching()))
  const [sheet, setSheet] = createSignal<SheetModule['ApplySheet'] | null>(null)
  const ensureSheet = () =>
    void loadApplySheet().then(
      (m) => setSheet(() => m.ApplySheet),
      () => setApplying(null), // could not load even after retries: the next tap tries again
    )
  const prefetch = setTimeout(ensureSheet, SHEET_PREFETCH_MS)
  onCleanup(() => clearTimeout(prefetch))
  const open = (job: Job) => {
    beacons.click(job.id)
    ensureSheet()
    setApplying(job)
  }
  // How this phone's applications here are going: the code to ask loads once it has applied here.
  const [progress, setProgress] = createSignal<Record<string, ApplicantStatus>>({})
  const asked = new Set<string>()
  createEffect(() => {
    const ids = jobs().filter((j) => applied()[j.id]).map((j) => j.id)
    if (ids.length) void import('../../lib/my-progress.ts').then((m) => m.askProgress(ids, asked, setProgress))
  })
  const card = (job: Job, isPinned: () => boolean) => (
    <LiveJobCard job={job} numbers={overlayJob(overlay.state(), job.id)} pinned={isPinned()} applied={!!applied()[job.id]} progress={progress()[job.id]} onApply={() => open(job)} />
  )

  return (
    <div class="room" ref={(el) => beacons.observeCards(el)} onPointerDown={() => !sheet() && ensureSheet()}>
      <section class="room-stage">
        <Stage streamId={streamId} video={props.detail.video} status={status()} scheduledAt={stream().scheduledAt} title={stream().title} onMetadata={overlay.accept} onPhase={setPhase} />
        <RoomTop
          title={stream().title}
          company={company()}
          status={status()}
          viewers={viewers()}
          share={<ShareButton class="share-button" target={() => ({ kind: 'stream', id: streamId, title: stream().title, company: company(), status: status(), startsAt: stream().scheduledAt, jobs: jobs() })} />}
        />
        <ApplyNotices streamId={streamId} jobs={byId()} />
        <div class="dock">
          <ElderOffer compact />
          {/* Its own boundary: loading the chunk must not blank the room (the router's Suspense). */}
          <Show when={chat()} fallback={<Show when={status() !== 'ended'}>{<ChatStart onStart={startChat} onLike={beacons.like} />}</Show>}>
            {(w) => (
              <Suspense fallback={<ChatStart onStart={() => {}} onLike={beacons.like} />}>
                <RoomChat streamId={streamId} overlay={overlay} beacons={beacons} open={status() !== 'ended'} start={w()} />
              </Suspense>
            )}
          </Show>
          <Show when={pinned()} keyed>
            {(job) => (
              <section class="pinned-dock" aria-label={t('watch.pinned')}>
                {card(job, () => true)}
              </section>
            )}
          </Show>
          <Show when={featured()} keyed>
            {(job) => (
              <section class="featured-dock" aria-label={t('watch.featured')}>
                {card(job, () => false)}
              </section>
            )}
          </Show>
          <button type="button" class="all-jobs" aria-expanded={drawer()} onClick={() => setDrawer(true)}>
            {t('watch.allJobsN', { n: jobs().length })}
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
        <TextSizeControl />
        <Show when={jobs().length} fallback={<p class="empty">{t('watch.noJobs')}</p>}>
          <NearHome />
          <div class="side-jobs">
            <For each={byDistance(jobs(), home())}>{(job) => card(job, () => pinned()?.id === job.id)}</For>
          </div>
        </Show>
        <StreamAbout detail={props.detail} />
      </aside>
      <Show when={sheet()}>{(ApplySheet) => <Dynamic component={ApplySheet()} streamId={streamId} company={company()} job={applying()} onClose={() => setApplying(null)} />}</Show>
    </div>
  )
}
