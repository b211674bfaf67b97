import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import type { StreamRow } from '../lib/api.ts'
import { formatJobCount, formatWhen } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { StatusBadge } from './StatusBadge.tsx'
import { ReserveButton } from './ReserveButton.tsx'

/** One stream in a list; the whole card is the link to its watch page. `badge`: a word beside its status (岗位仍可报名). */
export function StreamCard(props: { stream: StreamRow; badge?: string }) {
  const s = () => props.stream
  // An upcoming stream also offers 预约直播 (SMS reminder, 加入日历), beside the link (never inside it).
  const card = () => (
    <A href={`/watch/${s().id}`} class="card stream-card">
      <div class="card-top">
        <StatusBadge status={s().status} />
        <Show when={props.badge}>{(b) => <span class="badge badge-open">{b()}</span>}</Show>
        <Show when={s().status === 'live'} fallback={<time datetime={s().scheduledAt}>{formatWhen(s().scheduledAt)}</time>}>
          <Show when={s().viewers > 0}>
            <span>{t('home.viewers', { n: s().viewers })}</span>
          </Show>
        </Show>
      </div>
      <h3>{s().title}</h3>
      <p class="company">{s().company?.name}</p>
      <p class="muted">{formatJobCount(s().jobCount)}</p>
    </A>
  )
  return (
    <Show when={s().status === 'scheduled'} fallback={card()}>
      <div class="stream-card-box">
        {card()}
        <ReserveButton streamId={s().id} title={s().title} class="reserve-card" />
      </div>
    </Show>
  )
}
