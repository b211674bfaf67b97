import { For, Show, createSignal } from 'solid-js'
import type { ClientResponse } from 'hono/client'
import { asFailure, type ApiFailure } from '../../lib/api.ts'
import { codeMsg, show } from '../../lib/errors.ts'
import { t } from '../../lib/i18n.ts'
import { downloadCsv } from '../../lib/csv-download.ts'
import { clock, fileSize, num, type Small } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'
import { addStylesheet } from '../../components/charts/style.ts'
import { FormError } from '../../components/FormError.tsx'
import { ChartCard } from '../../components/charts/ChartCard.tsx'
import { TimeChart } from '../../components/charts/TimeChart.tsx'
import reportsCss from './reports.css?url'

/** The dashboards' stylesheet, added when the first of them mounts. */
export const useReportStyles = () => void addStylesheet('reports-css', reportsCss)

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
                <span class="tile-hint">{m().hint}</span>
              </Show>
            </div>
          )
        }}
      </For>
    </dl>
  )
}


/** "Updated 14:05:09", or, when a refresh failed but older numbers are shown, says so. */
export function Freshness(props: { at: Date | null; error: ApiFailure | null; note?: string; loading?: boolean }) {
  return (
    <>
      <Show when={props.error && props.at}>
        <p class="notice warn" role="status">
          {rt('state.stale', { time: clock(props.at!) })} {show(codeMsg(props.error!))}
        </p>
      </Show>
      <p class="freshness muted" aria-live="off">
        <Show when={props.note}>
          <span class="live-dot" aria-hidden="true" />
          {props.note}
          {' · '}
        </Show>
        <Show when={props.at}>{rt('state.updated', { time: clock(props.at!) })}</Show>
        <Show when={props.loading}>
          {' · '}
          {t('common.loading')}
        </Show>
      </p>
    </>
  )
}

/** A CSV download with its progress (bytes received) and any failure shown beside it. */
export function ExportButton(props: { label: string; request: () => Promise<ClientResponse<unknown, number, string>>; filename: string; class?: string }) {
  const [bytes, setBytes] = createSignal<number | null>(null)
  const [total, setTotal] = createSignal<number | null>(null)
  const [done, setDone] = createSignal<number | null>(null)
  const [problem, setProblem] = createSignal('')
  async function run() {
    setProblem('')
    setDone(null)
    setBytes(0)
    try {
      const size = await downloadCsv(props.request(), props.filename, (b, tot) => {
        setBytes(b)
        setTotal(tot)
      })
      setDone(size)
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBytes(null)
    }
  }
  return (
    <div class={`export ${props.class ?? ''}`} data-export={props.filename}>
      <button type="button" onClick={run} disabled={bytes() !== null} aria-describedby={`${props.filename}-state`}>
        {props.label}
      </button>
      <span id={`${props.filename}-state`} class="export-state" role="status">
        <Show when={bytes() !== null}>
          {/* Without a Content-Length the bar is indeterminate; with one it fills. */}
          <Show when={total()} fallback={<progress />}>
            <progress max={total()!} value={bytes()!} />
          </Show>
          {rt('export.working', { size: fileSize(bytes()!) })}
        </Show>
        <Show when={bytes() === null && done() !== null}>{rt('export.done', { size: fileSize(done()!) })}</Show>
      </span>
      <FormError message={problem()} />
    </div>
  )
}


type Series = { t: string; concurrent: number; applications: number }[]

/** Viewers online (highest each minute) and applications per minute, each with its table. */
export function SeriesCharts(props: { series: Series }) {
  const table = () => (
    <div class="table-wrap">
      <table class="rtable minute-table">
        <thead>
          <tr>
            <th scope="col">{rt('sr.minute')}</th>
            <th scope="col" class="num">
              {rt('m.concurrent')}
            </th>
            <th scope="col" class="num">
              {rt('m.applications')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.series}>
            {(p) => (
              <tr data-t={p.t}>
                <th scope="row">{new Date(p.t).toTimeString().slice(0, 5)}</th>
                <td class="num" data-label={rt('m.concurrent')}>
                  {num(p.concurrent)}
                </td>
                <td class="num" data-label={rt('m.applications')}>
                  {num(p.applications)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  )
  const times = () => props.series.map((p) => p.t)
  const empty = () => props.series.length === 0 && rt('sr.noSeries')
  return (
    <div class="report-grid">
      <ChartCard
        id="concurrent"
        title={rt('sr.concurrentChart')}
        empty={empty()}
        chart={() => <TimeChart label={rt('sr.concurrentChart')} times={times()} values={props.series.map((p) => p.concurrent)} kind="line" color="views" height={240} />}
        table={table}
      />
      <ChartCard
        id="apps-per-minute"
        title={rt('sr.appsChart')}
        empty={empty()}
        chart={() => <TimeChart label={rt('sr.appsChart')} times={times()} values={props.series.map((p) => p.applications)} kind="bars" color="apps" height={240} />}
        table={table}
      />
    </div>
  )
}
