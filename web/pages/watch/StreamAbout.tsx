import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import type { StreamDetail } from '../../lib/api.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'

/** Who streams, when, in which fair, and what it is about. */
export function StreamAbout(props: { detail: StreamDetail }) {
  const d = () => props.detail
  return (
    <section class="stream-head" aria-label={t('watch.about')}>
      <h2>{t('watch.about')}</h2>
      <p class="company">{t('watch.company', { name: d().company?.name ?? '' })}</p>
      <p>
        {t('home.starts')}：<time datetime={d().stream.scheduledAt}>{formatWhen(d().stream.scheduledAt)}</time>
      </p>
      <Show when={d().fair}>
        {(fair) => (
          <p>
            {t('watch.fair')}
            <A href={`/fairs/${fair().id}`}>{fair().title}</A>
          </p>
        )}
      </Show>
      <Show when={d().stream.description}>
        <p class="desc">{d().stream.description}</p>
      </Show>
    </section>
  )
}
