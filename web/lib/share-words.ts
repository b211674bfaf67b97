import { resolveTemplate, translator } from '@solid-primitives/i18n'
import { locale } from './i18n.ts'
import { shareZh, type ShareDict } from '../i18n/share.zh.ts'
import { shareEn } from '../i18n/share.en.ts'

// The share sheet's own dictionary: only the (lazy) sheet imports this.

/** st('link.copy') — following the header's language switch. */
export const st = translator((): ShareDict => (locale() === 'en' ? shareEn : shareZh), resolveTemplate)
