import { For, createSignal } from 'solid-js'
import { asFailure, type Job, type OverlayState } from '../../../lib/api.ts'
import { pinJob } from '../../../lib/queries/streams.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { formatPay } from '../../../lib/format.ts'
import { wt } from '../../../lib/staff-words.ts'
import { overlayJob } from '../../../lib/overlay.ts'
import { FormError } from '../../../components/FormError.tsx'

/** The stream's job cards as pin toggles: one tap pins over the video, another unpins. */
export function PinList(props: { streamId: string; jobs: Job[]; state: OverlayState | null; disabled: boolean; onState: (s: unknown) => void }) {
  const [busy, setBusy] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal('')
  const pinnedId = () => props.state?.pinned?.jobId ?? null

  async function toggle(job: Job) {
    setBusy(job.id)
    setProblem('')
    try {
      const jobId = pinnedId() === job.id ? null : job.id
      const res = await pinJob(props.streamId, jobId)
      props.onState(res.live)
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section class="panel pins" aria-labelledby="pin-title">
      <h2 id="pin-title">{wt('live.cards')}</h2>
      <p class="hint">{wt('live.cardsHint')}</p>
      <FormError message={problem()} />
      <div class="pin-list">
        <For each={props.jobs}>
          {(job) => {
            const on = () => pinnedId() === job.id
            const n = () => overlayJob(props.state, job.id)
            return (
              <button type="button" class="pin-toggle" aria-pressed={on()} disabled={props.disabled || busy() !== null} onClick={() => toggle(job)}>
                <span class="pin-text">
                  <span>
                    <strong>{job.title}</strong> <span class="pay-inline">{formatPay(job.pay)}</span>
                  </span>
                  <span class="pin-numbers">{wt('live.numbers', { apps: n()?.applications ?? 0, left: n()?.headcountLeft ?? job.headcount })}</span>
                </span>
                <span class="pin-state">{busy() === job.id ? wt('studio.working') : on() ? wt('live.pinnedNow') : wt('live.pin')}</span>
              </button>
            )
          }}
        </For>
      </div>
    </section>
  )
}
