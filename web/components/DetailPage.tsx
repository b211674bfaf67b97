import { A, useParams } from '@solidjs/router'
import { Show, createResource, type Accessor, type JSX } from 'solid-js'
import { asFailure } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { LoadState } from './LoadState.tsx'

/**
 * A page about one record named by the route's `:id`: loading and retry while it comes,
 * a "not found" text with the way home on 404, else the record.
 */
export function DetailPage<T>(props: { load: (id: string) => Promise<T>; notFound: string; children: (data: Accessor<NonNullable<T>>) => JSX.Element }) {
  const params = useParams<{ id: string }>()
  const [data, { refetch }] = createResource(
    () => params.id,
    (id) => props.load(id),
  )
  const failure = () => (data.error ? asFailure(data.error) : null)
  return (
    <main>
      <Show when={failure()?.status === 404}>
        <p class="empty">{props.notFound}</p>
        <A href="/" class="button">
          {t('common.back')}
        </A>
      </Show>
      <Show when={failure()?.status !== 404}>
        <LoadState loading={data.loading} error={failure()} onRetry={refetch} />
      </Show>
      <Show when={!data.error && data()}>{(d) => props.children(d)}</Show>
    </main>
  )
}
