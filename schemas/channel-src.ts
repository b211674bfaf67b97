// The shape of a share link's channel (?src=), with no zod: the viewer's first load reads it.
// schemas/channels.ts builds the API's schema on it; docs/counting.md "Channels" says what each is.

/** org (organizer), screen (大屏), poster, viewer (shared from the room), st-<station id>, rc-<recruiter id>; ≤ 40 chars. */
export const SRC = /^(?:org|screen|poster|viewer|st-[A-Za-z0-9_-]{1,37}|rc-[A-Za-z0-9_-]{1,37})$/

/** The channel a share link carries, or undefined (direct) when absent or not known-shaped. */
export const srcOf = (value: string | null | undefined): string | undefined => (value && value.length <= 40 && SRC.test(value) ? value : undefined)

/** The channel a signed-in sharer's links carry: a station's, a recruiter's, the organizers'. */
export function sharerSrc(user: { id: string; role: string } | null | undefined): string | undefined {
  if (user?.role === 'station') return `st-${user.id}`
  if (user?.role === 'recruiter') return `rc-${user.id}`
  if (user?.role === 'organizer') return 'org'
  return undefined
}
