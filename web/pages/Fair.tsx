import { A, useParams } from '@solidjs/router'
import { For, Show, createResource } from 'solid-js'
import { api, asFailure, call } from '../lib/api.ts'
import { formatWhen } from '../lib/format.ts'
import { t } from '../lib/i18n.ts'
import { LoadState } from '../components/LoadState.tsx'
import { StreamCard } from '../components/StreamCard.tsx'

export default function Fair() {
  const params = useParams<{ id: string }>()
  const [data, { refetch }] = createResource(
    () => params.id,
    (id) => call(api.fairs[':id'].$get({ param: { id } })),
  )
  const failure = () => (data.error ? asFailure(data.error) : null)
  return (
    <main>
      <Show when={failure()?.status === 404}>
        <p class="empty">{t('fair.notFound')}</p>
        <A href="/" class="button">
          {t('common.back')}
        </A>
      </Show>
      <Show when={failure()?.status !== 404}>
        <LoadState loading={data.loading} error={failure()} onRetry={refetch} />
      </Show>
      <Show when={!data.error && data()}>
        {(d) => (
          <>
            <h1>{d().fair.title}</h1>
            <p>{t('fair.dates', { from: formatWhen(d().fair.startsAt), to: formatWhen(d().fair.endsAt) })}</p>
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
      </Show>
    </main>
  )
}
