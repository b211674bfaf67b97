import { For, type JSX } from 'solid-js'
import { num, type Small } from '../../lib/report-format.ts'

// What the fair's breakdown tables share: every number exactly as the API gives it, right-aligned.

/** One number cell; data-metric names its API field, data-value holds it exactly. */
export const NumCell = (p: { k: string; label: string; v: Small }) => (
  <td data-metric={p.k} data-label={p.label} data-value={p.v}>
    {num(p.v)}
  </td>
)

/** A table whose columns from `numFrom` on are numbers (right-aligned). */
export function BreakdownTable(props: { class: string; head: string[]; numFrom: number; children: JSX.Element }) {
  return (
    <div class="table-wrap">
      <table class={`rtable ${props.class}`}>
        <thead>
          <tr>
            <For each={props.head}>
              {(h, i) => (
                <th scope="col" classList={{ num: i() >= props.numFrom }}>
                  {h}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  )
}
