import { resolveTemplate, translator } from '@solid-primitives/i18n'
import { locale } from './i18n.ts'
import { reserveZh, type ReserveDict } from '../i18n/reserve.zh.ts'
import { reserveEn } from '../i18n/reserve.en.ts'

// The 预约直播 sheet's and the SMS link page's own dictionary: only those (lazy) parts import this.

/** rt('sheet.title') — following the header's language switch. */
export const rt = translator((): ReserveDict => (locale() === 'en' ? reserveEn : reserveZh), resolveTemplate)
