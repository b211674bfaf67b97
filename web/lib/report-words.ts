import { resolveTemplate, translator } from '@solid-primitives/i18n'
import { locale } from './i18n.ts'
import { reportsZh, type ReportsDict } from '../i18n/reports.zh.ts'
import { reportsEn } from '../i18n/reports.en.ts'

// The dashboards' own dictionary: only report pages import this, so viewers' first load
// carries none of their words.

export type ReportsKey = keyof ReportsDict

/** rt('m.views') — the dashboards' dictionary, following the header's language switch. */
export const rt = translator((): ReportsDict => (locale() === 'en' ? reportsEn : reportsZh), resolveTemplate)
