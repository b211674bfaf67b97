import { describe, expect, it } from 'vitest'
import { companyPatchBody, normalizeHiringPhone } from '../../schemas/company.ts'
import { sameSecret, tokenDigest } from '../../server/lib/secrets.ts'

describe('招聘电话 (PATCH /api/company)', () => {
  it('keeps a mobile as 11 digits and a landline as area code-number, however it was typed', () => {
    expect(normalizeHiringPhone('138 1234 5678')).toBe('13812345678')
    expect(normalizeHiringPhone('+86 138-1234-5678')).toBe('13812345678')
    expect(normalizeHiringPhone('(0394)1234567')).toBe('0394-1234567')
    expect(normalizeHiringPhone('0394 1234567')).toBe('0394-1234567')
    expect(normalizeHiringPhone('010-12345678')).toBe('010-12345678')
    expect(normalizeHiringPhone('03941234567')).toBe('0394-1234567')
    expect(normalizeHiringPhone('01012345678')).toBe('010-12345678')
    expect(normalizeHiringPhone('02112345678')).toBe('021-12345678')
  })

  it('refuses what is neither, naming the rule; null removes it', () => {
    for (const bad of ['12345', '0394123', '0394-12345', '1381234567', '电话', '']) {
      const r = companyPatchBody.safeParse({ hiringPhone: bad })
      expect(r.success, bad).toBe(false)
      expect(r.error?.issues[0]?.message).toBe('hiringPhone.invalid')
    }
    expect(companyPatchBody.parse({ hiringPhone: null })).toEqual({ hiringPhone: null })
    expect(companyPatchBody.safeParse({ hiringPhone: '0394-1234567', companyId: 'x' }).success).toBe(false)
  })
})

describe('secrets', () => {
  it('sameSecret: equal only when every character and the length match', () => {
    expect(sameSecret('abcDEF123', 'abcDEF123')).toBe(true)
    expect(sameSecret('abcDEF124', 'abcDEF123')).toBe(false)
    expect(sameSecret('abcDEF12', 'abcDEF123')).toBe(false)
    expect(sameSecret('abcDEF1234', 'abcDEF123')).toBe(false)
    expect(sameSecret('', '')).toBe(false)
  })
  it('a token is stored as its SHA-256', () => {
    expect(tokenDigest('token')).toMatch(/^[0-9a-f]{64}$/)
    expect(tokenDigest('token')).not.toBe(tokenDigest('token2'))
  })
})
