import { useParams } from '@solidjs/router'
import { Show, type Accessor, type JSX } from 'solid-js'
import { createLoad } from '../lib/load.ts'
import { LoadState, NotFoundHome } from './LoadState.tsx'

/**
 * A page about one record named by the route's `:id`: loading and retry while it comes,
 * a "not found" text with the way home on 404, else the record.
 */
export function DetailPage<T>(props: { load: (id: string) => Promise<T>; notFound: string; children: (data: Accessor<NonNullable<T>>) => JSX.Element }) {
  const params = useParams<{ id: string }>()
  const record = createLoad(
    () => params.id,
    (id) => props.load(id),
  )
  return (
    <main>
      <LoadState of={record} notFound={<NotFoundHome message={props.notFound} />} />
      <Show when={!record.error() && record.data()}>{(d) => props.children(d)}</Show>
    </main>
  )
}
