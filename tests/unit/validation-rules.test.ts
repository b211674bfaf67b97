import { readdirSync, readFileSync } from 'node:fs'
import type * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { isRule, problemsOf, ruleMessages, rules } from '../../schemas/rules.ts'
import { applyBody } from '../../schemas/applications.ts'
import { loginBody, registerBody, stationBody } from '../../schemas/accounts.ts'
import { jobCreateBody, jobPatchBody } from '../../schemas/jobs.ts'
import { fairCreateBody, dateRangeQuery } from '../../schemas/fairs.ts'
import { pinBody, scheduleProblem, streamCreateBody, streamPatchBody } from '../../schemas/streams.ts'
import { beaconBatch } from '../../schemas/beacons.ts'
import { ingressBody, tokenBody } from '../../schemas/livekit.ts'
import { zh } from '../../web/i18n/zh.ts'
import { en } from '../../web/i18n/en.ts'

const rulesOf = (schema: z.ZodMiniType, input: unknown) => {
  const r = schema.safeParse(input)
  return r.success ? [] : problemsOf(r.error.issues).map((p) => `${p.path.join('.')}:${p.rule}`)
}

describe('validation rules', () => {
  it('every rule has an English API message and words in both zh and en', () => {
    expect(rules.length).toBeGreaterThan(40)
    for (const rule of rules) {
      expect(ruleMessages[rule], rule).toMatch(/\S/)
      expect(zh[`rule.${rule}` as keyof typeof zh], `zh rule.${rule}`).toMatch(/\S/)
      expect(en[`rule.${rule}` as keyof typeof en], `en rule.${rule}`).toMatch(/\S/)
    }
  })

  it('the dictionaries hold no words for a rule that does not exist', () => {
    for (const dict of [zh, en]) {
      const stale = Object.keys(dict).filter((k) => k.startsWith('rule.') && !isRule(k.slice(5)))
      expect(stale).toEqual([])
    }
  })

  it('every refusal of every schema names a known rule', () => {
    const bad: [z.ZodMiniType, unknown][] = [
      [registerBody, { email: 'x', password: 1, name: '', companyName: 'a', extra: 1 }],
      [loginBody, {}],
      [stationBody, { email: 'a@b', password: 'short', name: ' ', town: 'x'.repeat(61) }],
      [jobCreateBody, { title: 5, pay: { min: -1, max: 'a', unit: 'week' }, headcount: 0.5, location: {}, tags: Array(11).fill('长'.repeat(13)), ageMin: 90, ageMax: 1.5, description: 'x'.repeat(2001), extra: true }],
      [jobPatchBody, { ageMin: 'old', tags: 'a' }],
      [streamCreateBody, { title: '', scheduledAt: 'tomorrow', jobIds: ['a', 'a'], fairId: '' }],
      [streamPatchBody, { jobIds: [] }],
      [fairCreateBody, { title: 'ok title', startsAt: '2026-03-02T00:00:00Z', endsAt: '2026-03-01T00:00:00Z' }],
      [dateRangeQuery, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }],
      [applyBody, { name: 'x'.repeat(21), phone: 12, consent: 'yes', age: 15, town: 'x'.repeat(31), note: 'x'.repeat(201), viewerId: '!' }],
      [pinBody, { jobId: '' }],
      [tokenBody, { viewerId: 'short', name: '' }],
      [ingressBody, { type: 'srt' }],
      [beaconBatch, { events: [{ id: 'short', type: 'dance', streamId: '', viewerId: 1, sessionId: null, watchedMs: -1 }] }],
    ]
    for (const [schema, input] of bad) {
      const r = schema.safeParse(input)
      expect(r.success).toBe(false)
      for (const p of problemsOf(r.error!.issues)) expect(isRule(p.rule), p.rule).toBe(true)
    }
  })

  it('names the rule a person broke, field by field', () => {
    expect(rulesOf(applyBody, { jobId: 'j', name: ' ', phone: '1381234567', consent: false, age: 15 })).toEqual([
      'name:name.required',
      'phone:phone.invalid',
      'consent:consent.required',
      'age:age.outOfRange',
    ])
    expect(rulesOf(jobCreateBody, { title: 'ab', pay: { min: 9, max: 5, unit: 'day' }, location: { town: 'x' }, ageMin: 40, ageMax: 30 })).toEqual([
      'pay.min:pay.order',
      'headcount:headcount.required',
    ])
    expect(rulesOf(jobCreateBody, { title: 'ab', pay: { min: 1, max: 5, unit: 'day' }, headcount: 2, location: { town: 'x' }, ageMin: 40, ageMax: 30 })).toEqual(['ageMin:age.order'])
    expect(rulesOf(registerBody, { email: 'a@b', password: 'short', name: 'N', companyName: 'C' })).toEqual(['email:email.invalid', 'password:password.tooShort', 'companyName:companyName.tooShort'])
    expect(rulesOf(streamCreateBody, { title: 'ab', scheduledAt: '', jobIds: [] })).toEqual(['scheduledAt:datetime.invalid', 'jobIds:jobIds.none'])
  })

  it('accepts what people type: a spaced or +86 phone, padded names, a local offset', () => {
    const ok = applyBody.safeParse({ jobId: 'j', name: ' 张三 ', phone: '+86 138-1234-5678', consent: true })
    expect(ok.success && ok.data).toMatchObject({ name: '张三', phone: '13812345678' })
    const stream = streamCreateBody.safeParse({ title: '  招工直播 ', scheduledAt: '2026-03-01T09:00:00+08:00', jobIds: ['j1'] })
    expect(stream.success && stream.data).toMatchObject({ title: '招工直播', scheduledAt: '2026-03-01T01:00:00.000Z' })
  })

  it('schedules from an hour ago to 366 days ahead, the same window for web and server', () => {
    const now = new Date('2026-03-01T00:00:00Z')
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString()
    const day = 86_400_000
    expect(scheduleProblem(at(-59 * 60_000), now)).toBeNull()
    expect(scheduleProblem(at(-61 * 60_000), now)).toBe('scheduledAt.tooEarly')
    expect(scheduleProblem(at(366 * day), now)).toBeNull()
    expect(scheduleProblem(at(366 * day + 60_000), now)).toBe('scheduledAt.tooLate')
  })

  it('schemas import nothing but zod/mini and each other, so the web can bundle them', () => {
    const dir = new URL('../../schemas/', import.meta.url)
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8')
      const from = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1])
      for (const f of from) expect(f, `${file} imports ${f}`).toMatch(/^(zod\/mini|\.\/[\w-]+\.ts|\.\.\/server\/counting\/rows\.ts)$/)
    }
  })
})
