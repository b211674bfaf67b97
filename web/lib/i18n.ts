import { createEffect, createRoot, createSignal } from 'solid-js'
import { resolveTemplate, translator } from '@solid-primitives/i18n'
import { zh } from '../i18n/zh.ts'

export type Key = keyof typeof zh
export type Dict = { readonly [K in Key]: string }
export type Locale = 'zh' | 'en'

const STORAGE_KEY = 'zb.lang'

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(storedLocale())
const [english, setEnglish] = createSignal<Dict>()

const dict = (): Dict => (locale() === 'en' && english()) || zh

/** t('home.viewers', { n: 3 }) — reactive: re-runs when the language changes. */
export const t = translator(dict, resolveTemplate)

/** English is fetched only when someone picks it. */
function ensureEnglish() {
  if (!english()) import('../i18n/en.ts').then((m) => setEnglish(() => m.en))
}

export function setLocale(next: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {}
  if (next === 'en') ensureEnglish()
  setLocaleSignal(next)
}

export { locale }

createRoot(() => {
  if (locale() === 'en') ensureEnglish()
  createEffect(() => {
    document.documentElement.lang = locale() === 'en' ? 'en' : 'zh-CN'
    document.title = t('app.name')
  })
})
