import { For, Show } from 'solid-js'

export function Chips(props: { tags: readonly string[] }) {
  return (
    <Show when={props.tags.length}>
      <ul class="chips">
        <For each={props.tags}>{(tag) => <li class="chip">{tag}</li>}</For>
      </ul>
    </Show>
  )
}
