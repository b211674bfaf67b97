import type { Job } from './api.ts'
import { t } from './i18n.ts'
import { pad } from './time.ts'

const num = (n: number) => String(Math.round(n * 100) / 100)

/** 「¥4500–6500/月」「¥220/天」「¥1.2/件」「¥25/时」 */
export function formatPay(pay: Job['pay']): string {
  const unit = t(`pay.${pay.unit}`)
  const amount = pay.min === pay.max ? num(pay.min) : `${num(pay.min)}–${num(pay.max)}`
  return `¥${amount}/${unit}`
}

/** 「11月23日 周一 09:00」; the year is added when it is not this year. */
export function formatWhen(iso: string, now = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const args = {
    Y: d.getFullYear(),
    M: d.getMonth() + 1,
    D: d.getDate(),
    mon: t('date.months').split(',')[d.getMonth()] ?? '',
    wd: t('date.weekdays').split(',')[d.getDay()] ?? '',
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  }
  return d.getFullYear() === now.getFullYear() ? t('date.format', args) : t('date.formatYear', args)
}

export function formatAge(job: Pick<Job, 'ageMin' | 'ageMax'>): string | null {
  if (job.ageMin !== undefined && job.ageMax !== undefined) return t('job.age', { min: job.ageMin, max: job.ageMax })
  if (job.ageMin !== undefined) return t('job.ageFrom', { min: job.ageMin })
  if (job.ageMax !== undefined) return t('job.ageTo', { max: job.ageMax })
  return null
}

export const formatJobCount = (n: number) => (n === 1 ? t('home.jobs1') : t('home.jobs', { n }))

/**
 * 「14:05」 on `day` (today unless given: a stream's applicants pass the stream's day, so one
 * who applied the day after reads 「3月2日 17:47」, not 「17:47」), else 「3月1日 14:05」.
 */
export function formatClock(iso: string, day: Date | string = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  return d.toDateString() === new Date(day).toDateString() ? time : `${t('date.monthDay', { M: d.getMonth() + 1, D: d.getDate(), mon: t('date.months').split(',')[d.getMonth()] ?? '' })} ${time}`
}
