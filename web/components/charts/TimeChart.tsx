import type uPlot from 'uplot'
import { num } from '../../lib/report-format.ts'
import { pad } from '../../lib/time.ts'
import { Plot } from './Plot.tsx'
import { COUNT_INCRS, THEMES, fontOf, type Theme } from './uplot.ts'

/** 「14:05」, or 「3/1 14:05」 when the chart spans days (uPlot's own labels are English). */
function clock(seconds: number, withDay: boolean) {
  const d = new Date(seconds * 1000)
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  return withDay ? `${d.getMonth() + 1}/${d.getDate()} ${hm}` : hm
}

/** Per-minute counts over time, as a line (viewers online) or bars (applications per minute). */
export function TimeChart(props: { times: string[]; values: number[]; label: string; kind: 'line' | 'bars'; color: 'views' | 'apps' | 'hired'; theme?: Theme; height?: number }) {
  const theme = () => props.theme ?? 'light'
  return (
    <Plot
      label={props.label}
      height={props.height}
      build={(U, width) => {
        const th = THEMES[theme()]
        const color = th.colors[props.color]
        const xs = props.times.map((t) => Date.parse(t) / 1000)
        const max = Math.max(1, ...props.values)
        // From the data, not uPlot's min/max: for one point uPlot widens a time scale by 1000 days.
        // At least ten minutes wide, so the first minutes of a stream read as minutes.
        const span = xs.length ? xs[xs.length - 1]! - xs[0]! : 0
        const pad = Math.max(30, (600 - span) / 2)
        const xRange: [number, number] = xs.length ? [xs[0]! - pad, xs[xs.length - 1]! + pad] : [0, 1]
        const font = fontOf(theme(), theme() === 'dark' && width < 700 ? 0.75 : 1)
        const axis = (extra: Partial<uPlot.Axis>): uPlot.Axis => ({ stroke: th.axis, font, grid: { stroke: th.grid, width: 1 }, ticks: { stroke: th.grid, width: 1 }, ...extra })
        return {
          data: [xs, props.values],
          opts: {
            legend: { show: false },
            cursor: { drag: { x: false, y: false }, points: { size: 8 } },
            padding: [12, 28, 0, 0], // room for the last time label
            scales: {
              x: { time: true, range: () => xRange },
              y: { range: () => [0, Math.ceil(max * 1.15)] },
            },
            axes: [axis({ space: 70, values: (_u, splits) => splits.map((s) => clock(s, span > 20 * 3600)) }), axis({ size: 56, incrs: COUNT_INCRS, values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? num(v) : '')) })],
            series: [
              {},
              {
                label: props.label,
                stroke: color,
                width: 3,
                fill: `${color}33`,
                points: { show: props.kind === 'line' && xs.length < 3, size: 8, fill: color },
                ...(props.kind === 'bars' ? { paths: U.paths.bars!({ size: [0.7, 48, 2] }), width: 0, fill: color } : {}),
              },
            ],
          },
        }
      }}
    />
  )
}
