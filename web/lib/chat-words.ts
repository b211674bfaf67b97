import { resolveTemplate, translator } from '@solid-primitives/i18n'
import { locale } from './i18n.ts'
import { chatZh, type ChatDict } from '../i18n/chat.zh.ts'
import { chatEn } from '../i18n/chat.en.ts'

// The comment bar's and stream's own dictionary: only the (lazy) room chat imports this.

export type ChatKey = keyof ChatDict

/** ct('chat.send') — following the header's language switch. */
export const ct = translator((): ChatDict => (locale() === 'en' ? chatEn : chatZh), resolveTemplate)
