// 加入日历: a stream's .ics (GET /api/streams/:id/calendar.ics), a plain link the browser saves or opens.
export const calendarUrl = (streamId: string) => `/api/streams/${encodeURIComponent(streamId)}/calendar.ics`
