import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { loadFair } from '../lib/queries/fairs.ts'
import { formatWhen } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { me } from '../lib/session.ts'
import { DetailPage } from '../components/DetailPage.tsx'
import { StreamCard } from '../components/StreamCard.tsx'
import { ShareButton } from '../components/ShareButton.tsx'

export default function Fair() {
  return (
    <DetailPage load={loadFair} notFound={t('fair.notFound')}>
      {(d) => (
        <>
          <h1>{d().fair.title}</h1>
          <p>{t('fair.dates', { from: formatWhen(d().fair.startsAt), to: formatWhen(d().fair.endsAt) })}</p>
          <div class="actions">
            <ShareButton target={() => ({ kind: 'fair', id: d().fair.id, title: d().fair.title, startsAt: d().fair.startsAt, endsAt: d().fair.endsAt })} />
          </div>
          <Show when={me()?.user.role === 'organizer'}>
            <div class="actions">
              <A href={`/admin/fairs/${d().fair.id}`} class="button">
                {t('report.fair')}
              </A>
              <A href={`/screen/fairs/${d().fair.id}`} class="button">
                {t('report.screen')}
              </A>
            </div>
          </Show>
          <Show when={d().fair.description}>
            <p class="desc">{d().fair.description}</p>
          </Show>
          <h2>{t('fair.streams')}</h2>
          <Show when={d().streams.length} fallback={<p class="empty">{t('fair.noStreams')}</p>}>
            <div class="grid">
              <For each={d().streams}>{(s) => <StreamCard stream={s} />}</For>
            </div>
          </Show>
        </>
      )}
    </DetailPage>
  )
}
