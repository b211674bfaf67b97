import { api, call } from '../api.ts'

// 预约直播: reserve a stream for one SMS reminder, the SMS link's page, unsubscribe (加入日历: calendar.ts).

export type ReserveBody = Parameters<(typeof api.streams)[':id']['reservations']['$post']>[0]['json']

export const reserveStream = (streamId: string, json: ReserveBody) => call(api.streams[':id'].reservations.$post({ param: { id: streamId }, json }))
/** The reservation an SMS link's code opens (phone masked). */
export const loadReservationLink = (code: string) => call(api['reservation-links'][':code'].$get({ param: { code } }))
export const unsubscribeReservation = (id: string, token: string) => call(api.reservations[':id'].$delete({ param: { id }, query: { token } }))
