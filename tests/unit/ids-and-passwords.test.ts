import { describe, expect, it } from 'vitest'
import { newId, randomToken } from '../../server/lib/ids.ts'
import { hashPassword, verifyPassword } from '../../server/lib/passwords.ts'

describe('ids', () => {
  it('sort in creation order and do not collide', () => {
    const ids = [newId(1_000), newId(2_000), newId(1_700_000_000_000), newId(1_800_000_000_000)]
    expect([...ids].sort()).toEqual(ids)
    const many = new Set(Array.from({ length: 10_000 }, () => newId(5)))
    expect(many.size).toBe(10_000)
    expect(ids[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it('session tokens are long, url-safe and random', () => {
    const a = randomToken()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(randomToken()).not.toBe(a)
  })
})

describe('password hashing (PBKDF2 via WebCrypto)', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse 1')
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$/)
    expect(await verifyPassword('correct horse 1', stored)).toBe(true)
    expect(await verifyPassword('correct horse 2', stored)).toBe(false)
  })

  it('salts each hash and rejects malformed stored values', async () => {
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'))
    expect(await verifyPassword('x', 'plain-text')).toBe(false)
    expect(await verifyPassword('x', 'md5$1$a$b')).toBe(false)
  })
})
