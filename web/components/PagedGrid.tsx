import { For, Show, type JSX } from 'solid-js'
import type { Paged } from '../lib/paged.ts'
import { LoadState } from './LoadState.tsx'
import { MoreButton } from './MoreButton.tsx'

/** A paged list as a grid of cards, with its empty text, loading / retry state and "more" button. */
export function PagedGrid<T>(props: { list: Paged<T>; empty: string; children: (item: T) => JSX.Element }) {
  const list = () => props.list
  return (
    <>
      <div class="grid">
        <For each={list().items()}>{(item) => props.children(item)}</For>
      </div>
      <Show when={!list().loading() && !list().error() && list().items().length === 0}>
        <p class="empty">{props.empty}</p>
      </Show>
      <LoadState of={list()} />
      <MoreButton next={list().next()} loading={list().loading()} onMore={list().more} />
    </>
  )
}
