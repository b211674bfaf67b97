import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { amountWords, integerWords, payWordsEn, payWordsZh } from '../../web/lib/pay-words.ts'

// 「读给我听」 says pay the way people say it (四千五, 一万二), so a Mandarin voice reads it naturally.

describe('pay in spoken Chinese', () => {
  test.each([
    [0, '零'],
    [1, '一'],
    [2, '两'],
    [3, '三'],
    [10, '十'],
    [12, '十二'],
    [15, '十五'],
    [20, '二十'],
    [22, '二十二'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一'],
    [200, '两百'],
    [220, '两百二'],
    [222, '两百二十二'],
    [1000, '一千'],
    [1010, '一千零一十'],
    [1100, '一千一'],
    [1110, '一千一百一十'],
    [2000, '两千'],
    [2500, '两千五'],
    [4005, '四千零五'],
    [4050, '四千零五十'],
    [4500, '四千五'],
    [6500, '六千五'],
    [8888, '八千八百八十八'],
    [10000, '一万'],
    [10010, '一万零一十'],
    [10500, '一万零五百'],
    [12000, '一万二'],
    [12500, '一万二千五百'],
    [15000, '一万五'],
    [20000, '两万'],
    [22000, '两万二'],
    [100000, '十万'],
    [105000, '十万五千'],
    [120000, '十二万'],
    [125000, '十二万五'],
    [150000, '十五万'],
    [200000, '二十万'],
    [1000000, '一百万'],
  ])('%d → %s', (n, words) => {
    expect(integerWords(n)).toBe(words)
  })

  test.each([
    [0.3, '零点三'],
    [0.05, '零点零五'],
    [0.35, '零点三五'],
    [1.2, '一点二'],
    [2.5, '二点五'],
    [3, '三'],
    [12.5, '十二点五'],
    [4500.5, '四千五百点五'], // never the short 四千五 before a decimal point
    [12000.25, '一万二千点二五'],
    [1.999, '两'], // pay is kept to 2 decimals: it rounds the way the card shows it (两元)
  ])('%d yuan → %s', (n, words) => {
    expect(amountWords(n)).toBe(words)
  })

  test('a range, a single figure, and each unit', () => {
    expect(payWordsZh({ min: 4500, max: 6500, unit: 'month' })).toBe('每月四千五到六千五元')
    expect(payWordsZh({ min: 10000, max: 12000, unit: 'month' })).toBe('每月一万到一万二元')
    expect(payWordsZh({ min: 220, max: 220, unit: 'day' })).toBe('每天两百二元')
    expect(payWordsZh({ min: 15, max: 20, unit: 'hour' })).toBe('每小时十五到二十元')
    expect(payWordsZh({ min: 0.3, max: 0.3, unit: 'piece' })).toBe('每件零点三元')
    expect(payWordsZh({ min: 1.2, max: 1.2, unit: 'piece' })).toBe('每件一点二元')
    expect(payWordsEn({ min: 4500, max: 6500, unit: 'month' })).toBe('4500 to 6500 yuan a month')
    expect(payWordsEn({ min: 0.3, max: 0.3, unit: 'piece' })).toBe('0.3 yuan a piece')
  })

  // Read back digit by digit from the words: every pay the schema allows comes out as itself.
  const VALUE: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
  const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
  function parse(words: string): number {
    const [whole, frac] = words.split('点')
    let total = 0
    let section = 0
    let digit = 0
    let lastUnit = 1
    for (const ch of whole!) {
      if (ch in VALUE) digit = VALUE[ch]!
      else if (ch in UNIT) {
        section += (digit || 1) * UNIT[ch]!
        lastUnit = UNIT[ch]!
        digit = 0
      } else if (ch === '万') {
        total = (section + digit) * 10000
        section = digit = 0
        lastUnit = 10000
      }
      if (ch === '零') lastUnit = 10 // what follows 零 is read as written
    }
    // The short form: a last digit right after a unit counts one place lower (四千五 = 4500).
    const tail = digit && lastUnit > 1 && !whole!.endsWith('零' + whole!.at(-1)) ? digit * (lastUnit / 10) : digit
    const n = total + section + tail
    return frac ? Number(`${n}.${[...frac].map((c) => VALUE[c]).join('')}`) : n
  }

  test('every whole amount up to 1 000 000 reads back as itself', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => parse(integerWords(n)) === n), { numRuns: 5000 })
    for (const n of [0, 2, 10, 15, 110, 220, 1010, 4500, 10000, 10010, 12000, 105000, 1000000]) expect(parse(integerWords(n))).toBe(n)
  })

  test('amounts with cents read back as themselves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (cents) => {
        const n = cents / 100
        return parse(amountWords(n)) === n
      }),
      { numRuns: 5000 },
    )
  })
})
