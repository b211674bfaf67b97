import { Show, type JSX } from 'solid-js'
import type { Job } from '../lib/api.ts'
import { formatAge, formatPay } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { takeHomeWords } from '../lib/job-words.ts'
import { Chips } from './Chips.tsx'
import { ReadAloud } from './ReadAloud.tsx'
import { StatusBadge } from './StatusBadge.tsx'

/** A job the way a worker reads it: what, how much, where, how many. */
export function JobCard(props: { job: Job; children?: JSX.Element }) {
  const j = () => props.job
  return (
    <article class="card job-card">
      <div class="job-head">
        <h3>{j().title}</h3>
        <Show when={j().status === 'closed'}>
          <StatusBadge status="closed" />
        </Show>
      </div>
      <p class="pay">{formatPay(j().pay)}</p>
      <Show when={takeHomeWords(j())}>{(w) => <p class="take-home">{w()}</p>}</Show>
      <Chips tags={j().tags} />
      <p>
        {t('job.town', { town: j().location.town })}
        <Show when={j().location.address}> · {j().location.address}</Show>
      </p>
      <Show when={j().location.shuttle}>{(s) => <p class="shuttle">{t('job.shuttle', { text: s() })}</p>}</Show>
      <p>
        {t('job.headcount', { n: j().headcount })}
        <Show when={formatAge(j())}>{(age) => <> · {age()}</>}</Show>
      </p>
      <Show when={j().description}>
        <p class="desc">{j().description}</p>
      </Show>
      <ReadAloud job={j()} />
      {props.children}
    </article>
  )
}
