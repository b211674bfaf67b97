import { api, call, type InferOk } from '../api.ts'

// Moderation seen from the back office: a stream's moderation log (its company and organizers)
// and the organizer's banned words. Apart from comments.ts so the viewer's chunk never carries it.

export type ModerationEntry = InferOk<(typeof api.streams)[':id']['moderation-log']['$get']>['items'][number]

export const loadModerationLog = (id: string) => call(api.streams[':id']['moderation-log'].$get({ param: { id }, query: { limit: '100' } }))
/** Someone muted in a stream: `name` as they wrote under the comment they were muted by. */
export type MutedViewer = { viewerId: string; name?: string; at: string }

/**
 * Who is muted now, newest first, read from the moderation log's newest 500 actions: a viewer's
 * newest mute or unmute decides (the live console's list; a mute older than that is not shown).
 */
export async function loadMutedViewers(id: string): Promise<MutedViewer[]> {
  const { items } = await call(api.streams[':id']['moderation-log'].$get({ param: { id }, query: { limit: '500' } }))
  const seen = new Set<string>()
  const muted: MutedViewer[] = []
  for (const e of items) {
    if ((e.action !== 'mute' && e.action !== 'unmute') || !e.viewerId || seen.has(e.viewerId)) continue
    seen.add(e.viewerId)
    if (e.action === 'mute') muted.push({ viewerId: e.viewerId, name: e.name, at: e.at })
  }
  return muted
}
/** The viewer may comment again at once (204 also when they were not muted). */
export const unmuteViewer = (id: string, viewerId: string) => call(api.streams[':id'].mutes[':viewerId'].$delete({ param: { id, viewerId } }))
export const loadBannedWords = () => call(api.admin['banned-words'].$get())
export const saveBannedWords = (words: string[]) => call(api.admin['banned-words'].$put({ json: { words } }))
