import { api, call, type InferOk } from '../api.ts'

// Moderation seen from the back office: a stream's moderation log (its company and organizers)
// and the organizer's banned words. Apart from comments.ts so the viewer's chunk never carries it.

export type ModerationEntry = InferOk<(typeof api.streams)[':id']['moderation-log']['$get']>['items'][number]

export const loadModerationLog = (id: string) => call(api.streams[':id']['moderation-log'].$get({ param: { id }, query: { limit: '100' } }))
export const loadBannedWords = () => call(api.admin['banned-words'].$get())
export const saveBannedWords = (words: string[]) => call(api.admin['banned-words'].$put({ json: { words } }))
