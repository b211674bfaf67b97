import { resolveTemplate, translator } from '@solid-primitives/i18n'
import { locale } from './i18n.ts'
import { pagesZh, type PagesDict } from '../i18n/pages.zh.ts'
import { pagesEn } from '../i18n/pages.en.ts'

// The dictionary of pages reached on purpose (我的报名, station, screen links, 招聘电话): only
// those pages import this, so the viewer's first load carries none of their words.

export type PagesKey = keyof PagesDict

/** pt('mine.title') — following the header's language switch. */
export const pt = translator((): PagesDict => (locale() === 'en' ? pagesEn : pagesZh), resolveTemplate)
