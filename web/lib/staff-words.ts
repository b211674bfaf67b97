import { resolveTemplate, translator } from '@solid-primitives/i18n'
import { locale } from './i18n.ts'
import { staffZh, type StaffDict } from '../i18n/staff.zh.ts'
import { staffEn } from '../i18n/staff.en.ts'

// The staff's dictionary (工作台, live console, 管理, 登录/注册): only their lazy pages import this,
// so the viewer's first load carries none of their words.

export type StaffKey = keyof StaffDict

/** wt('studio.title') — following the header's language switch. */
export const wt = translator((): StaffDict => (locale() === 'en' ? staffEn : staffZh), resolveTemplate)
