import { For } from 'solid-js'

/** A row of large toggle buttons; the chosen one is pressed. */
export function Tabs<V extends string>(props: { items: { value: V; label: string }[]; value: V; onChange: (v: V) => void; label: string }) {
  return (
    <div class="tabs" role="group" aria-label={props.label}>
      <For each={props.items}>
        {(item) => (
          <button type="button" aria-pressed={props.value === item.value} onClick={() => props.onChange(item.value)}>
            {item.label}
          </button>
        )}
      </For>
    </div>
  )
}
