import type { Job } from './api.ts'

// Pay as it is said aloud, for 「读给我听」: 「每月四千五到六千五元」, 「每天两百二元」,
// 「每件一点二元」. Spoken the way people say it at a labour market (四千五, 一万二), not
// digit by digit, so a speech voice reads it naturally. Pay is 0–1 000 000 with at most 2 decimals.

const DIGITS = '零一二三四五六七八九'
const UNITS = ['千', '百', '十', '']
const PER_ZH = { month: '每月', day: '每天', hour: '每小时', piece: '每件' } as const
const PER_EN = { month: 'a month', day: 'a day', hour: 'an hour', piece: 'a piece' } as const

/** 1–9999 the full way (4050 → 四千零五十); `first`: the number opens with it (15 → 十五, not 一十五). */
function under10k(n: number, first: boolean): string {
  const digits = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10]
  let out = ''
  let gap = false
  digits.forEach((d, i) => {
    if (d === 0) return void (gap = out !== '')
    if (gap) out += '零'
    gap = false
    const unit = UNITS[i]!
    // A leading 2 before 百/千 is 两 (两千); a leading 10–19 drops the 一 (十五).
    const digit = !out && first && d === 2 && i < 2 ? '两' : !out && first && d === 1 && i === 2 ? '' : DIGITS[d]!
    out += digit + unit
  })
  return out
}

/**
 * A whole number of yuan, 0–99 999 999: 4500 → 四千五, 12000 → 一万二, 220 → 两百二, 1010 →
 * 一千零一十. `short: false` keeps every unit (四千五百), as before a decimal point.
 */
export function integerWords(n: number, short = true): string {
  if (n === 0) return '零'
  if (n === 2) return '两'
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) return String(n)
  const high = Math.floor(n / 1e4)
  const low = n % 1e4
  if (!high) {
    const full = under10k(low, true)
    // Two digits side by side and then zeros are said short: 四千五百 → 四千五, 两百二十 → 两百二.
    return short && low >= 100 && full.length === 4 && !full.includes('零') ? full.replace(/[百十]$/, '') : full
  }
  const head = (high === 2 ? '两' : under10k(high, true)) + '万'
  if (!low) return head
  // 一万二 (12 000), but 十万五千 (105 000): only right after a non-zero digit.
  if (short && low % 1000 === 0 && high % 10 !== 0) return head + DIGITS[low / 1000]
  return head + (low < 1000 ? '零' : '') + under10k(low, false)
}

/** An amount of yuan with up to 2 decimals: 0.3 → 零点三, 1.25 → 一点二五, 4500 → 四千五. */
export function amountWords(amount: number): string {
  const [whole, frac] = String(Math.round(amount * 100) / 100).split('.')
  const int = Number(whole)
  if (!frac) return integerWords(int)
  // 2.5 is 二点五 (两 only stands before a unit); 4500.5 is 四千五百点五, never the short 四千五.
  return (int === 2 ? '二' : integerWords(int, false)) + '点' + [...frac].map((d) => DIGITS[Number(d)]).join('')
}

/** 「每月四千五到六千五元」, 「每件零点三元」. */
export function payWordsZh(pay: Job['pay']): string {
  const range = pay.min === pay.max ? amountWords(pay.min) : `${amountWords(pay.min)}到${amountWords(pay.max)}`
  return `${PER_ZH[pay.unit]}${range}元`
}

/** "4500 to 6500 yuan a month" (an English voice reads digits well). */
export function payWordsEn(pay: Job['pay']): string {
  const n = (x: number) => String(Math.round(x * 100) / 100)
  return `${pay.min === pay.max ? n(pay.min) : `${n(pay.min)} to ${n(pay.max)}`} yuan ${PER_EN[pay.unit]}`
}
