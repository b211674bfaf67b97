import { createEvent } from 'ics'
import type { Stream } from '../store/types.ts'

/** Streams carry no planned length; a calendar entry shows this much unless it already ended. */
const DEFAULT_HOURS = 1

/** 加入日历: the stream as one iCalendar event (RFC 5545), with its watch page as URL. */
export function streamCalendar(stream: Stream, companyName: string | null, watchUrl: string): string {
  const start = Date.parse(stream.startedAt ?? stream.scheduledAt)
  const ended = stream.endedAt ? Date.parse(stream.endedAt) : null
  const description = [companyName ? `${companyName} 直播带岗` : '直播带岗', stream.description, `观看：${watchUrl}`].filter(Boolean).join('\n')
  const { error, value } = createEvent({
    uid: `${stream.id}@zhibo-daigang`,
    productId: 'zhibo-daigang',
    title: stream.title,
    description,
    url: watchUrl,
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    ...(ended && ended > start ? { end: ended, endInputType: 'utc' as const, endOutputType: 'utc' as const } : { duration: { hours: DEFAULT_HOURS } }),
    status: 'CONFIRMED',
    alarms: [{ action: 'display', description: stream.title, trigger: { minutes: 10, before: true } }],
  })
  if (error || !value) throw error ?? new Error('calendar event not created')
  return value
}
