import { describe, expect, it } from 'vitest'
import { applyBody, normalizePhone } from '../../schemas/applications.ts'
import { formatClock } from '../../web/lib/format.ts'

describe('normalizePhone: what a Chinese keyboard types', () => {
  it.each([
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６　１３８－１２３４－５６７８', '13812345678'],
    ['138—1234—5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['１３８ １２３４ ５６７８', '13812345678'],
  ])('%s → %s', (typed, digits) => {
    expect(normalizePhone(typed)).toBe(digits)
    expect(applyBody.safeParse({ jobId: 'j', name: '张', phone: typed, consent: true }).success).toBe(true)
  })

  it('still refuses what is not a mobile number', () => {
    for (const phone of ['１３８１２３４５６７', '０３９４１２３４５６７', '1３8abc']) expect(applyBody.safeParse({ jobId: 'j', name: '张', phone, consent: true }).success).toBe(false)
  })
})

describe('formatClock: an applicant time says its day when it is not the stream’s', () => {
  const local = (d: number, h: number, m: number) => new Date(2026, 2, d, h, m).toISOString()
  it('the stream’s day: the time only; another day: the date too, whatever today is', () => {
    expect(formatClock(local(1, 14, 5), local(1, 9, 0))).toBe('14:05')
    expect(formatClock(local(2, 17, 47), local(1, 9, 0))).toMatch(/^(3月2日|Mar 2) 17:47$/)
  })
})
