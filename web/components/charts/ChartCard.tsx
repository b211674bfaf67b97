import { Show, createSignal, type JSX } from 'solid-js'
import { rt } from '../../lib/report-words.ts'

/**
 * A titled chart with a 图表 / 表格 switch, so every number drawn is also readable as text.
 * `empty` replaces both when there is nothing to show.
 */
export function ChartCard(props: { title: string; hint?: string; id: string; chart: () => JSX.Element; table: () => JSX.Element; empty?: string | false; start?: 'chart' | 'table' }) {
  const [view, setView] = createSignal<'chart' | 'table'>(props.start ?? 'chart')
  return (
    <section class="panel chart-card" aria-labelledby={`${props.id}-title`} data-chart={props.id}>
      <div class="chart-head">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <Show when={!props.empty}>
          <div class="view-toggle" role="group" aria-label={rt('chart.view', { title: props.title })}>
            <button type="button" aria-pressed={view() === 'chart'} onClick={() => setView('chart')}>
              {rt('chart.chart')}
            </button>
            <button type="button" aria-pressed={view() === 'table'} onClick={() => setView('table')}>
              {rt('chart.table')}
            </button>
          </div>
        </Show>
      </div>
      <Show when={props.hint}>
        <p class="muted small-print">{props.hint}</p>
      </Show>
      <Show when={!props.empty} fallback={<p class="empty">{props.empty}</p>}>
        <Show when={view() === 'chart'} fallback={props.table()}>
          {props.chart()}
        </Show>
      </Show>
    </section>
  )
}
