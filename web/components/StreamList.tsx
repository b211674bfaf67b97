import { For, Show } from 'solid-js'
import type { ApiFailure, StreamRow } from '../lib/api.ts'
import { StreamCard } from './StreamCard.tsx'
import { LoadState } from './LoadState.tsx'
import { MoreButton } from './MoreButton.tsx'

type Props = {
  title: string
  empty: string
  items: StreamRow[]
  loading: boolean
  error: ApiFailure | null
  next: string | null
  onRetry: () => void
  onMore: () => void
}

export function StreamList(props: Props) {
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      <Show when={props.items.length > 0}>
        <div class="grid">
          <For each={props.items}>{(s) => <StreamCard stream={s} />}</For>
        </div>
      </Show>
      <Show when={!props.loading && !props.error && props.items.length === 0}>
        <p class="empty">{props.empty}</p>
      </Show>
      <LoadState loading={props.loading} error={props.error} onRetry={props.onRetry} />
      <MoreButton next={props.next} loading={props.loading} onMore={props.onMore} />
    </section>
  )
}
