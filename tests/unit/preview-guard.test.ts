import { describe, expect, it } from 'vitest'
import { isPreviewId, previewGuard } from '../../server/share/preview-guard.ts'

// Link previews read Redis for a page anyone may load: server/share/preview-guard.ts bounds the reads.

const counted = () => {
  let n = 0
  return { load: (value: string | null) => () => (n++, Promise.resolve(value)), get count() { return n } }
}

describe('previewGuard', () => {
  it('one read serves every request for a page within the time it is kept, then it is read again', async () => {
    let t = 0
    const guard = previewGuard({ ttlMs: 10_000, now: () => t })
    const reads = counted()
    const answers = await Promise.all(Array.from({ length: 20 }, () => guard('a', 'watch/S1?', reads.load('preview'))))
    expect(answers.every((a) => a === 'preview')).toBe(true)
    expect(reads.count).toBe(1)
    expect(await guard('a', 'watch/NONE?', reads.load(null))).toBeNull()
    expect(await guard('b', 'watch/NONE?', reads.load(null))).toBeNull() // an unknown id is kept too
    expect(reads.count).toBe(2)
    t = 10_000
    await guard('a', 'watch/S1?', reads.load('preview'))
    expect(reads.count).toBe(3)
  })

  it('an address past its reads a minute gets null without a read; others still read; the next minute it may again', async () => {
    let t = 0
    const guard = previewGuard({ perAddressPerMinute: 3, now: () => t })
    const reads = counted()
    for (let i = 0; i < 5; i++) await guard('flood', `watch/X${i}?`, reads.load('p'))
    expect(reads.count).toBe(3)
    expect(await guard('flood', 'watch/X9?', reads.load('p'))).toBeNull()
    expect(await guard('calm', 'watch/X9?', reads.load('p'))).toBe('p')
    expect(reads.count).toBe(4)
    t = 60_000
    expect(await guard('flood', 'watch/X10?', reads.load('p'))).toBe('p')
  })

  it('all addresses together read at most perMinute times a minute', async () => {
    const guard = previewGuard({ perMinute: 10, now: () => 0 })
    const reads = counted()
    for (let i = 0; i < 50; i++) await guard(`addr-${i}`, `watch/Y${i}?`, reads.load('p'))
    expect(reads.count).toBe(10)
  })

  it('a failed read is not kept: the next request reads again', async () => {
    const guard = previewGuard({ now: () => 0 })
    let calls = 0
    const failing = () => (calls++, Promise.reject(new Error('redis away')))
    await expect(guard('a', 'watch/Z?', failing)).rejects.toThrow('redis away')
    expect(await guard('a', 'watch/Z?', () => (calls++, Promise.resolve('p')))).toBe('p')
    expect(calls).toBe(2)
  })

  it('knows which ids can be a stream’s or fair’s', () => {
    expect(isPreviewId('01KB2X0000ABCDEFGHJKMNPQRS')).toBe(true)
    for (const id of ['', 'x'.repeat(65), 'a.b', '%00', '招聘']) expect(isPreviewId(id), id).toBe(false)
  })
})
