import type { Rule } from './rules.ts'

// Take-home pay of a piece-rate or hourly job, as the card shows it: 「熟练工约 ¥150/天（估算）」.
// The recruiter gives a skilled worker's typical day (pieces, or hours); the estimate is the top
// of the pay range times that: pay.max × dailyOutput. No zod here: the viewer's cards use it.

export const MAX_HOURS_PER_DAY = 16
/** An estimate outside ¥20–2000 a day is a typo (pieces per month? pay per 100 pieces?), not a job. */
export const MIN_DAY_PAY = 20
export const MAX_DAY_PAY = 2000

type Pay = { max: number; unit: 'month' | 'day' | 'hour' | 'piece' }

/** Only piece and hour pay have a daily output; a day's pay is already per day. */
export const takesDailyOutput = (unit: Pay['unit']) => unit === 'piece' || unit === 'hour'

/** ¥ per day for a skilled worker, rounded (to ¥10 from ¥100 up), or null without an output. */
export function dailyEstimate(pay: Pay, dailyOutput: number | null | undefined): number | null {
  if (dailyOutput == null || !takesDailyOutput(pay.unit)) return null
  const raw = pay.max * dailyOutput
  return raw >= 100 ? Math.round(raw / 10) * 10 : Math.round(raw)
}

/** Why a daily output does not fit the pay, or null when it does (or there is none). */
export function dailyOutputRule(pay: Pay, dailyOutput: number | null | undefined): Rule | null {
  if (dailyOutput == null) return null
  if (!takesDailyOutput(pay.unit)) return 'dailyOutput.notForUnit'
  if (!(dailyOutput > 0)) return 'dailyOutput.notPositive'
  if (pay.unit === 'hour' && dailyOutput > MAX_HOURS_PER_DAY) return 'dailyOutput.tooManyHours'
  const day = pay.max * dailyOutput
  if (day > MAX_DAY_PAY) return 'dailyOutput.estimateTooHigh'
  if (day < MIN_DAY_PAY) return 'dailyOutput.estimateTooLow'
  return null
}
