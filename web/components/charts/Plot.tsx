import { Show, createEffect, createSignal, onCleanup, onMount } from 'solid-js'
import type uPlot from 'uplot'
import { rt } from '../../lib/report-words.ts'
import { loadUPlot, type UPlot } from './uplot.ts'

export type Built = { opts: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData }

/**
 * A uPlot chart that fills its box's width (and height, given in px or by the CSS when
 * `height` is omitted). `build` runs again whenever what it reads changes, or the box is
 * resized; uPlot itself is fetched the first time any chart mounts.
 */
export function Plot(props: { build: (U: UPlot, width: number, height: number) => Built; height?: number; label: string; class?: string }) {
  let box!: HTMLDivElement
  const [lib, setLib] = createSignal<UPlot>()
  const [failed, setFailed] = createSignal(false)
  const [size, setSize] = createSignal({ width: 0, height: 0 })
  let chart: uPlot | undefined

  const load = () => {
    setFailed(false)
    loadUPlot().then((U) => setLib(() => U), () => setFailed(true))
  }
  // Set directly: Solid's style helper would otherwise join the first-load bundle.
  createEffect(() => (box.style.height = props.height ? `${props.height}px` : ''))
  onMount(() => {
    load()
    const ro = new ResizeObserver(() => {
      const width = Math.floor(box.clientWidth)
      const height = Math.floor(box.clientHeight)
      if (width !== size().width || height !== size().height) setSize({ width, height })
    })
    ro.observe(box)
    onCleanup(() => ro.disconnect())
  })

  createEffect(() => {
    const U = lib()
    const { width, height } = size()
    if (!U || width < 40 || height < 40) return
    const { opts, data } = props.build(U, width, height)
    chart?.destroy()
    chart = new U({ ...opts, width, height }, data, box)
  })
  onCleanup(() => chart?.destroy())

  return (
    <div class={`chart-box ${props.class ?? ''}`} ref={box} role="img" aria-label={props.label}>
      <Show when={!lib() && !failed()}>
        <p class="chart-note">{rt('chart.loading')}</p>
      </Show>
      <Show when={failed()}>
        <p class="chart-note">
          {rt('chart.failed')}{' '}
          <button type="button" class="link-button" onClick={load}>
            {rt('state.refresh')}
          </button>
        </p>
      </Show>
    </div>
  )
}
