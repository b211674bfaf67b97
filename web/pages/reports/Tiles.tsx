import { For, Show } from 'solid-js'
import { num, type Small } from '../../lib/report-format.ts'

export type Tile = { key: string; label: string; value: Small | string; raw?: number; hint?: string }

/** Columns for n tiles on a wide screen: rows of at most 6, as even as they come (8 → 4 + 4). */
const balanced = (n: number) => Math.ceil(n / Math.ceil(n / 6))

/** Big numbers; each carries data-metric (its API field) and data-value (the exact number). */
export function Tiles(props: { tiles: Tile[]; label: string; class?: string }) {
  return (
    <dl class={`tiles cols-${balanced(props.tiles.length)} ${props.class ?? ''}`} aria-label={props.label}>
      {/* Keyed by metric name, so a refresh updates the numbers in place. */}
      <For each={props.tiles.map((m) => m.key)}>
        {(key) => {
          const m = () => props.tiles.find((x) => x.key === key)!
          return (
            <div class="tile" data-metric={key} data-value={m().raw ?? (typeof m().value === 'number' ? m().value : String(m().value))}>
              <dt>{m().label}</dt>
              <dd>{typeof m().value === 'string' && m().value !== '<5' ? m().value : num(m().value as Small)}</dd>
              <Show when={m().hint}>
                <dd class="tile-hint">{m().hint}</dd>
              </Show>
            </div>
          )
        }}
      </For>
    </dl>
  )
}
