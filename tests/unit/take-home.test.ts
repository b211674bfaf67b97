import { describe, expect, test } from 'vitest'
import { dailyEstimate, dailyOutputRule } from '../../schemas/take-home.ts'
import { jobCreateBody } from '../../schemas/jobs.ts'
import { problemsOf } from '../../schemas/rules.ts'

// 「熟练工约 ¥150/天（估算）」: pay.max × a skilled worker's pieces or hours a day.

describe('take-home estimate', () => {
  test.each([
    [{ max: 0.3, unit: 'piece' }, 500, 150],
    [{ max: 5, unit: 'piece' }, 40, 200],
    [{ max: 35, unit: 'hour' }, 8, 280],
    [{ max: 1.2, unit: 'piece' }, 44, 53], // under ¥100: to the yuan
    [{ max: 0.35, unit: 'piece' }, 433, 150], // 151.55: to ¥10 from ¥100 up
    [{ max: 220, unit: 'day' }, 1, null], // a day's pay is already per day
    [{ max: 5000, unit: 'month' }, undefined, null],
    [{ max: 0.3, unit: 'piece' }, undefined, null],
  ] as const)('%o × %s = %s', (pay, output, day) => expect(dailyEstimate(pay, output)).toBe(day))

  test.each([
    [{ max: 0.3, unit: 'piece' }, 500, null],
    [{ max: 25, unit: 'hour' }, 16, null],
    [{ max: 25, unit: 'hour' }, 17, 'dailyOutput.tooManyHours'],
    [{ max: 0.3, unit: 'piece' }, 0, 'dailyOutput.notPositive'],
    [{ max: 0.3, unit: 'piece' }, -5, 'dailyOutput.notPositive'],
    [{ max: 0.3, unit: 'piece' }, Number.NaN, 'dailyOutput.notPositive'],
    [{ max: 5, unit: 'piece' }, 401, 'dailyOutput.estimateTooHigh'],
    [{ max: 5, unit: 'piece' }, 400, null], // exactly ¥2000
    [{ max: 0.3, unit: 'piece' }, 66, 'dailyOutput.estimateTooLow'],
    [{ max: 5000, unit: 'month' }, 8, 'dailyOutput.notForUnit'],
    [{ max: 220, unit: 'day' }, 1, 'dailyOutput.notForUnit'],
  ] as const)('%o with %s a day: %s', (pay, output, rule) => expect(dailyOutputRule(pay, output)).toBe(rule))

  test('the job schema refuses what the rule refuses, on dailyOutput', () => {
    const job = { title: '鞋灯组装', pay: { min: 0.3, max: 0.3, unit: 'piece' }, headcount: 3, location: { town: '成安县成安镇' } }
    expect(jobCreateBody.safeParse({ ...job, dailyOutput: 500 }).success).toBe(true)
    const bad = jobCreateBody.safeParse({ ...job, dailyOutput: 50_000 })
    expect(problemsOf(bad.error!.issues)).toEqual([expect.objectContaining({ path: ['dailyOutput'], rule: 'dailyOutput.estimateTooHigh' })])
    const text = jobCreateBody.safeParse({ ...job, dailyOutput: 'lots' })
    expect(problemsOf(text.error!.issues)).toEqual([expect.objectContaining({ path: ['dailyOutput'], rule: 'dailyOutput.notNumber' })])
  })
})
