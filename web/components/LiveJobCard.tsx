import { Show } from 'solid-js'
import { A } from '@solidjs/router'
import type { ApplicantStatus, Job } from '../lib/api.ts'
import { formatPay } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { home } from '../lib/home-place.ts'
import { distanceWords, takeHomeWords } from '../lib/job-words.ts'
import { Chips } from './Chips.tsx'
import { ReadAloud } from './ReadAloud.tsx'

export type JobNumbers = { applications: number; headcountLeft: number }

/**
 * A job card in the live room: what, how much, where, places left, and one big apply button.
 * `numbers` are the overlay's live counts (places left falls back to the headcount).
 */
export function LiveJobCard(props: { job: Job; numbers?: JobNumbers; pinned?: boolean; applied?: boolean; progress?: ApplicantStatus; onApply: () => void }) {
  const j = () => props.job
  const left = () => props.numbers?.headcountLeft ?? j().headcount
  const closed = () => j().status === 'closed'
  return (
    <article class="live-job" classList={{ pinned: !!props.pinned }} data-job={j().id}>
      <div class="live-job-text">
        <div class="live-job-head">
          <Show when={props.pinned}>
            <span class="badge badge-live">{t('watch.pinned')}</span>
          </Show>
          <h3>{j().title}</h3>
          <ReadAloud job={j()} />
        </div>
        <p class="pay">{formatPay(j().pay)}</p>
        <Show when={takeHomeWords(j())}>{(w) => <p class="take-home">{w()}</p>}</Show>
        <p class="live-job-meta">
          <span>{j().location.town}</span>
          <Show when={distanceWords(j(), home())}>{(d) => <span class="near">{d()}</span>}</Show>
          <Show when={!closed()}>
            <span class="left" classList={{ full: left() <= 0 }}>
              {left() > 0 ? t('watch.left', { n: left() }) : t('watch.full')}
            </span>
          </Show>
          <Show when={props.numbers?.applications}>{(n) => <span>{t('watch.apps', { n: n() })}</span>}</Show>
        </p>
        <Show when={j().location.shuttle}>{(s) => <p class="shuttle">{t('job.shuttle', { text: s() })}</p>}</Show>
        <Chips tags={j().tags.slice(0, 4)} />
      </div>
      {/* A closed job offers no apply at all (the server would refuse it): it says so instead. */}
      <Show when={!closed()} fallback={<p class="stopped">{t('watch.stopped')}</p>}>
        {/* Applied already: no second big red button, but how it is going (我的报名 has the rest). */}
        <Show
          when={props.applied}
          fallback={
            <button type="button" class="primary apply-button" onClick={() => props.onApply()}>
              {t('watch.apply')}
            </button>
          }
        >
          <A href="/me/applications" class="applied-state" data-status={props.progress}>
            {props.progress ? t('watch.appliedStatus', { status: t(`mine.status.${props.progress}`) }) : t('watch.applied')}
          </A>
        </Show>
      </Show>
    </article>
  )
}
