import { useParams } from '@solidjs/router'
import { Show, createResource, type Accessor, type JSX } from 'solid-js'
import { asFailure } from '../lib/api.ts'
import { LoadState, NotFoundHome } from './LoadState.tsx'

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
      <LoadState loading={data.loading} error={failure()} onRetry={refetch} notFound={<NotFoundHome message={props.notFound} />} />
      <Show when={!data.error && data()}>{(d) => props.children(d)}</Show>
    </main>
  )
}
