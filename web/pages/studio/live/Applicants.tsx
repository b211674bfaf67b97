import { For, Show, createEffect, createMemo, createSignal, on } from 'solid-js'
import { applicationsCsvPath, type Applicant, type ApplicantStatus, type Job, type OverlayState } from '../../../lib/api.ts'
import { createApplicantFeed } from '../../../lib/applicant-feed.ts'
import { formatClock } from '../../../lib/format.ts'
import { t } from '../../../lib/i18n.ts'
import { wt } from '../../../lib/staff-words.ts'
import { FormError } from '../../../components/FormError.tsx'
import { MoreButton } from '../../../components/MoreButton.tsx'

const STATUSES: ApplicantStatus[] = ['new', 'contacted', 'interview', 'hired', 'rejected']
const PAGE = 50
const FRESH_MS = 20_000

/**
 * Applicants, newest first: full phone numbers and CSV for the owner; an assistant gets the
 * masked rows the server answers it, no CSV and no status changes. Whenever the overlay's
 * application count moves, the feed fetches what came since its newest row; rows that were
 * not there before are highlighted for a while. Times carry the date when not on `day` (the stream's).
 */
export function Applicants(props: { streamId: string; jobs: Job[]; state: OverlayState | null; owner: boolean; day: string }) {
  const titles = createMemo(() => new Map(props.jobs.map((j) => [j.id, j.title])))
  const feed = createApplicantFeed(() => props.streamId, PAGE)
  const [fresh, setFresh] = createSignal<ReadonlySet<string>>(new Set())

  function highlight(ids: string[]) {
    if (!ids.length) return
    setFresh((s) => new Set([...s, ...ids]))
    setTimeout(() => setFresh((s) => new Set([...s].filter((id) => !ids.includes(id)))), FRESH_MS)
  }

  async function setStatus(a: Applicant, status: ApplicantStatus) {
    if (!(await feed.setStatus(a, status))) feed.redraw() // puts the select back to the stored status
  }

  // Only a change in the number of applications (not a pin) asks for new rows.
  const total = createMemo(() => props.state?.jobs.reduce((n, j) => n + j.applications, 0))
  createEffect(on(total, () => void feed.refresh().then(highlight)))

  return (
    <section class="panel feed" aria-labelledby="feed-title">
      <div class="feed-head">
        <h2 id="feed-title">{wt('live.feed')}</h2>
        <Show when={props.owner} fallback={<p class="muted">{wt('live.maskedNote')}</p>}>
          <a class="button" href={applicationsCsvPath(props.streamId)} download="">
            {wt('live.csv')}
          </a>
        </Show>
      </div>
      <FormError message={feed.problem()} />
      <Show when={feed.loaded() || feed.rows().length} fallback={<p class="muted">{t('common.loading')}</p>}>
        <Show when={feed.rows().length} fallback={<p class="empty">{wt('live.noApplicants')}</p>}>
          <ol class="applicants" aria-live="polite">
            <For each={feed.rows()}>
              {(a) => (
                <li class="applicant" classList={{ fresh: fresh().has(a.id) }}>
                  <div class="applicant-who">
                    <Show when={fresh().has(a.id)}>
                      <span class="badge badge-live">{wt('live.newRow')}</span>
                    </Show>
                    <strong>{a.name}</strong>
                    <Show when={props.owner} fallback={<span class="phone">{a.phone}</span>}>
                      <a href={`tel:${a.phone}`} class="phone">
                        {a.phone}
                      </a>
                    </Show>
                  </div>
                  <p class="applicant-meta">
                    {[titles().get(a.jobId) ?? '', formatClock(a.createdAt, props.day), a.age ? wt('live.age', { n: a.age }) : '', (a.town ?? '') + (a.village ?? ''), a.station ? wt('live.station', { name: a.station.name }) : ''].filter(Boolean).join(' · ')}
                  </p>
                  <label class="status-pick">
                    <span>{wt('live.status')}</span>
                    <select value={a.status} disabled={!props.owner || feed.saving() === a.id} onChange={(e) => void setStatus(a, e.currentTarget.value as ApplicantStatus)} classList={{ [`st-${a.status}`]: true }}>
                      <For each={STATUSES}>
                        {(s) => (
                          <option value={s} disabled={s === 'new'} selected={s === a.status}>
                            {t(`appStatus.${s}`)}
                          </option>
                        )}
                      </For>
                    </select>
                  </label>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
      <MoreButton next={feed.next()} loading={feed.loadingMore()} onMore={() => void feed.more()} />
    </section>
  )
}
