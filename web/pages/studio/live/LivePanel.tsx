import { A, useParams } from '@solidjs/router'
import { Match, Show, Switch, createEffect, createMemo, createSignal, on } from 'solid-js'
import { asFailure, type StreamDetail, type StreamStatus } from '../../../lib/api.ts'
import { loadStream, moveStream } from '../../../lib/queries/streams.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { wt } from '../../../lib/staff-words.ts'
import { createOverlay } from '../../../lib/overlay.ts'
import { createLiveJobs } from '../../../lib/live-jobs.ts'
import { me } from '../../../lib/session.ts'
import { createLoad } from '../../../lib/load.ts'
import { FormError } from '../../../components/FormError.tsx'
import { LoadState } from '../../../components/LoadState.tsx'
import { RequireRole } from '../../../components/RequireRole.tsx'
import { StatusBadge } from '../../../components/StatusBadge.tsx'
import { Applicants } from './Applicants.tsx'
import { Broadcast } from './Broadcast.tsx'
import { CommentFeed } from './CommentFeed.tsx'
import { PinList } from './PinList.tsx'
// In this lazy chunk, so viewers never download it (Vite adds the <link> when the chunk loads).
import '../../../styles/console.css'

/** /studio/live/:id — the recruiter's console while on air; its 场控 assistants use it too (no camera, no start/end, masked applicants, no CSV). */
export default function LivePanel() {
  return (
    <RequireRole role={['recruiter', 'assistant']} denied={wt('studio.onlyRecruiters')}>
      <Loaded />
    </RequireRole>
  )
}

function Loaded() {
  const params = useParams<{ id: string }>()
  const stream = createLoad(() => params.id, loadStream, { keep: true })
  return (
    <Switch>
      <Match when={stream.data() && stream.data()!.stream.companyId !== me()?.user.companyId}>
        <main>
          <p class="notice warn">{wt('live.notYours')}</p>
        </main>
      </Match>
      {/* Fetching the stream again (new jobs) neither suspends nor remounts the console. */}
      <Match when={stream.data()}>{(d) => <Console detail={d()} onStale={() => void stream.refetch()} />}</Match>
      <Match when={true}>
        <main>
          <LoadState of={stream} notFound={<p class="empty">{wt('live.notFound')}</p>} />
        </main>
      </Match>
    </Switch>
  )
}

function Console(props: { detail: StreamDetail; onStale: () => void }) {
  const stream = props.detail.stream
  const overlay = createOverlay(stream.id)
  // Edited or closed (here or elsewhere) since this page loaded: the pin list shows it as it is now.
  const jobs = createLiveJobs(() => props.detail.jobs, overlay, props.onStale)
  // A job attached elsewhere since this page loaded: fetch the stream again (once per change).
  const unknown = createMemo(() => (overlay.state()?.jobs ?? []).filter((j) => !jobs().some((x) => x.id === j.jobId)).map((j) => j.jobId).join())
  createEffect(on(unknown, (ids) => ids && props.onStale(), { defer: true }))
  const [moved, setMoved] = createSignal<StreamStatus>(stream.status)
  // The overlay is the newest word on the status; our own start/end answer counts until it arrives.
  const status = () => overlay.state()?.status ?? moved()
  const total = () => overlay.state()?.jobs.reduce((n, j) => n + j.applications, 0) ?? 0
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  // The server answers an assistant masked applicants and refuses it start/end, the camera and CSV.
  const owner = me()?.user.role === 'recruiter'

  async function move(to: 'start' | 'end') {
    if (to === 'end' && !confirm(wt('studio.confirmEnd', { title: stream.title }))) return
    setBusy(true)
    setProblem('')
    try {
      const res = await moveStream(stream.id, to)
      setMoved(res.stream.status)
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="console">
      <A href="/studio?tab=streams" class="back-link">
        ‹ {wt('live.back')}
      </A>
      <div class="console-head">
        <div>
          <StatusBadge status={status()} />
          <h1>{stream.title}</h1>
        </div>
        <dl class="stats" aria-live="polite">
          <div class="stat-viewers">
            <dt>{wt('live.statViewers')}</dt>
            <dd>{overlay.state()?.viewers ?? 0}</dd>
          </div>
          <div class="stat-apps">
            <dt>{wt('live.statApps')}</dt>
            <dd>{total()}</dd>
          </div>
        </dl>
        <div class="actions">
          <Show when={owner && status() === 'scheduled'}>
            <button type="button" class="primary huge" disabled={busy()} onClick={() => move('start')}>
              {busy() ? wt('studio.working') : wt('studio.start')}
            </button>
          </Show>
          <Show when={owner && status() === 'live'}>
            <button type="button" class="danger huge" disabled={busy()} onClick={() => move('end')}>
              {busy() ? wt('studio.working') : wt('studio.end')}
            </button>
          </Show>
          <a href={`/watch/${stream.id}`} target="_blank" rel="noopener" class="button">
            {wt('live.toWatch')}
          </a>
        </div>
      </div>
      <FormError message={problem()} />
      <Show when={status() === 'ended'}>
        <p class="notice">{wt('live.ended')}</p>
      </Show>
      <div class="console-grid">
        <Show when={owner && status() !== 'ended'}>
          <Broadcast streamId={stream.id} live={status() === 'live'} />
        </Show>
        <PinList streamId={stream.id} jobs={jobs()} state={overlay.state()} disabled={status() === 'ended'} onState={overlay.accept} />
        <Applicants streamId={stream.id} jobs={jobs()} state={overlay.state()} owner={owner} day={stream.startedAt ?? stream.scheduledAt} />
        <CommentFeed streamId={stream.id} overlay={overlay} disabled={status() === 'ended'} />
      </div>
    </main>
  )
}
