import type uPlot from 'uplot'
import { num, type Small } from '../../lib/report-format.ts'
import { Plot } from './Plot.tsx'
import { THEMES, fontOf, type Theme } from './uplot.ts'

/**
 * Horizontal bars, one per category, the value written at the end of each bar ("<5" for small
 * groups, which get no bar). Category names sit on the left, shortened to fit a phone.
 * The box is as tall as the rows; where CSS makes it taller (the wall screen), rows keep
 * their spacing from the top, and where shorter, they close up to fit.
 */
export function BarChart(props: { labels: string[]; values: Small[]; label: string; color: 'views' | 'apps' | 'hired' | 'muted'; theme?: Theme; rowHeight?: number }) {
  const theme = () => props.theme ?? 'light'
  const row = () => props.rowHeight ?? (theme() === 'dark' ? 56 : 40)
  return (
    <Plot
      label={props.label}
      height={Math.max(1, props.labels.length) * row() + 16}
      build={(U, width, height) => {
        const th = THEMES[theme()]
        const color = th.colors[props.color]
        // The wall's big type, smaller when the wall screen is opened on a phone.
        const scale = theme() === 'dark' && width < 700 ? 0.75 : 1
        const font = fontOf(theme(), scale)
        const n = props.labels.length
        const slots = Math.max(n, Math.floor((height - 16) / row()))
        const ys = props.values.map((v) => (v === '<5' ? null : v))
        const max = Math.max(1, ...ys.map((v) => v ?? 0))
        const ctx = document.createElement('canvas').getContext('2d')!
        ctx.font = font
        const room = Math.floor(width * 0.42)
        const fit = (s: string) => {
          if (ctx.measureText(s).width <= room - 14) return s
          let cut = s
          while (cut.length > 1 && ctx.measureText(`${cut}…`).width > room - 14) cut = cut.slice(0, -1)
          return `${cut}…`
        }
        const names = props.labels.map(fit)
        const axisSize = Math.min(room, Math.ceil(Math.max(40, ...names.map((s) => ctx.measureText(s).width))) + 14)
        // Leave room right of the longest bar for its number.
        ctx.font = `700 ${font}`
        const widest = Math.max(...props.values.map((v) => ctx.measureText(num(v)).width), 20)
        const plotWidth = Math.max(60, width - axisSize - 8)
        const headroom = plotWidth / Math.max(20, plotWidth - widest - 14)
        const labelValues = (u: uPlot) => {
          const c = u.ctx
          const ratio = devicePixelRatio || 1
          c.save()
          c.font = `700 ${fontOf(theme(), scale * ratio)}`
          c.fillStyle = th.text
          c.textAlign = 'left' // uPlot leaves it at 'right' after the category labels
          c.textBaseline = 'middle'
          for (let i = 0; i < n; i++) {
            const v = props.values[i]!
            const y = u.valToPos(i, 'x', true)
            const x = u.valToPos(v === '<5' ? 0 : v, 'y', true)
            c.fillText(num(v), x + 6 * ratio, y)
          }
          c.restore()
        }
        return {
          data: [props.labels.map((_, i) => i), ys],
          opts: {
            legend: { show: false },
            cursor: { show: false },
            padding: [8, 8, 8, 0],
            scales: {
              x: { time: false, ori: 1, dir: -1, range: [-0.5, slots - 0.5] },
              y: { ori: 0, dir: 1, range: () => [0, max * headroom] },
            },
            axes: [
              {
                scale: 'x',
                side: 3,
                stroke: th.text,
                font,
                size: axisSize,
                gap: 6,
                grid: { show: false },
                ticks: { show: false },
                splits: () => props.labels.map((_, i) => i),
                values: (_u, splits) => splits.map((i) => names[i] ?? ''),
              },
              { scale: 'y', show: false },
            ],
            series: [{}, { label: props.label, fill: color, stroke: color, width: 0, paths: U.paths.bars!({ size: [0.66, 44, 4] }), points: { show: false } }],
            hooks: { draw: [labelValues] },
          },
        }
      }}
    />
  )
}
