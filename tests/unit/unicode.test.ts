import { describe, expect, it } from 'vitest'
import { illFormedPath, isWellFormed, toWellFormed } from '../../server/lib/unicode.ts'

describe('illFormedPath', () => {
  it('names the string or key holding a lone surrogate; whole emoji and zero-width text pass', () => {
    expect(illFormedPath({ name: '张😀\u200b', tags: ['a', 'b'] })).toBeNull()
    expect(illFormedPath({ location: { town: 'x\ud800' } })).toEqual(['location', 'town'])
    expect(illFormedPath({ tags: ['ok', '\udc00'] })).toEqual(['tags', '1'])
    expect(illFormedPath({ a: { ['k\ud83d']: 1 } })).toEqual(['a', 'k\ufffd'])
    expect(illFormedPath('\ud83d')).toEqual([])
    expect(illFormedPath([1, null, true, { n: 1e308 }])).toBeNull()
  })

  it('walks a body nested 100 000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'end\ud800'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(illFormedPath(deep)).toHaveLength(100_000)
  })
})

describe('toWellFormed', () => {
  it('replaces each lone surrogate with U+FFFD and keeps pairs', () => {
    expect(toWellFormed('a\ud800b\udc00😀')).toBe('a\ufffdb\ufffd😀')
    expect(isWellFormed(toWellFormed('\ud83d'))).toBe(true)
  })
})
