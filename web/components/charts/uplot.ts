import type uPlot from 'uplot'
import { addStylesheet } from './style.ts'
import uplotCss from 'uplot/dist/uPlot.min.css?url'

export type UPlot = typeof uPlot
let loading: Promise<UPlot> | null = null

/** uPlot and its stylesheet, fetched on first use only (its own chunk); a failure can be retried. */
export function loadUPlot(): Promise<UPlot> {
  loading ??= Promise.all([import('uplot'), addStylesheet('uplot-css', uplotCss)]).then(
    ([lib]) => lib.default,
    (e) => {
      loading = null
      throw e
    },
  )
  return loading
}

export type Theme = 'light' | 'dark'

/** Colours and type sizes for a phone or desk (light) and a wall display (dark). */
export const THEMES = {
  light: { text: '#222', axis: '#555', grid: '#e2e2e2', font: 16, colors: { views: '#1a56db', apps: '#b3261e', hired: '#15803d', muted: '#6b7280' } },
  dark: { text: '#f1f5f9', axis: '#cbd5e1', grid: 'rgba(255,255,255,0.14)', font: 22, colors: { views: '#60a5fa', apps: '#f87171', hired: '#4ade80', muted: '#94a3b8' } },
} as const

export const fontOf = (theme: Theme, scale = 1) => `${Math.round(THEMES[theme].font * scale)}px system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif`

/** Whole-number tick steps for counts. */
export const COUNT_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]
