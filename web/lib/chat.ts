import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Overlay } from './overlay.ts'
import { listComments, type ChatSettings, type Comment, type PinnedAnswer } from './queries/comments.ts'

export type { ChatSettings, Comment, PinnedAnswer }
/** 「张**刚刚报名了缝纫工」: `name` is masked by the server. */
export type Ticker = { name: string; job: string; at: number }
type TickerItem = { id: string; name: string; jobTitle: string; at: string }
type PollAnswer = Awaited<ReturnType<typeof listComments>>
export type Chat = {
  comments: Accessor<Comment[]>
  pinned: Accessor<PinnedAnswer | null>
  ticker: Accessor<Ticker | null>
  /** Slow mode and the established-viewer rule, as the last poll said (the console's switches). */
  settings: Accessor<ChatSettings | null>
  setSettings: (s: ChatSettings) => void
  /** false once the server answered that this stream has no comments (404): the bar hides. */
  available: Accessor<boolean>
  /** A comment this page sent (shown at once, whatever the push path does). */
  add: (c: Comment) => void
  remove: (id: string) => void
  change: (id: string, patch: Partial<Comment>) => void
}

const KEEP = 50 // what a new joiner gets; more is never shown
const POLL_MS = 3000
const TICKER_FRESH_MS = 60_000

const list = (x: unknown): Comment[] => (Array.isArray(x) ? x.filter((c) => c && typeof c.id === 'string' && typeof c.text === 'string') : [])
const ids = (x: unknown): string[] => (Array.isArray(x) ? x.map((v) => (typeof v === 'string' ? v : v?.id)).filter((v): v is string => typeof v === 'string') : [])

/**
 * One stream's conversation, kept current over the overlay's SSE connection (`event: comments`
 * and friends) and, while that is down, by polling GET …/comments?since=. Call inside a component.
 */
export function createChat(streamId: string, overlay: Pick<Overlay, 'listen' | 'transport'>): Chat {
  const [comments, setComments] = createSignal<Comment[]>([])
  const [pinned, setPinned] = createSignal<PinnedAnswer | null>(null)
  const [ticker, setTicker] = createSignal<Ticker | null>(null)
  const [available, setAvailable] = createSignal(true)
  const [settings, setSettings] = createSignal<ChatSettings | null>(null)
  const gone = new Set<string>()

  function merge(items: Comment[]) {
    if (!items.length) return
    setComments((cur) => {
      const byId = new Map(cur.map((c) => [c.id, c]))
      for (const c of items) if (!gone.has(c.id)) byId.set(c.id, { ...byId.get(c.id), ...c })
      return [...byId.values()].sort((a, b) => String(a.at).localeCompare(String(b.at))).slice(-KEEP)
    })
  }
  function drop(list: string[]) {
    if (!list.length) return
    for (const id of list) gone.add(id)
    setComments((cur) => cur.filter((c) => !gone.has(c.id)))
  }
  function pin(x: unknown) {
    const p = (x as { pinnedAnswer?: unknown } | null)?.pinnedAnswer
    setPinned(p && typeof (p as PinnedAnswer).answer === 'string' ? (p as PinnedAnswer) : null)
  }
  const answered = (d: unknown) => {
    const list = new Set(ids((d as { ids?: unknown })?.ids))
    if (list.size) setComments((cur) => cur.map((c) => (list.has(c.id) ? { ...c, answered: true } : c)))
  }
  // Ticker items arrive with a join (the recent few) and one by one; only a fresh unseen one shows.
  const seenTicker = new Set<string>()
  function tick(d: unknown) {
    const items = ((d as { items?: unknown } | null)?.items ?? d) as TickerItem[]
    if (!Array.isArray(items)) return
    const fresh = items.filter((i) => i && typeof i.id === 'string' && !seenTicker.has(i.id))
    for (const i of fresh) seenTicker.add(i.id)
    const last = fresh.at(-1)
    if (last && Date.now() - Date.parse(last.at) < TICKER_FRESH_MS) setTicker({ name: last.name, job: last.jobTitle, at: Date.now() })
  }
  /** A poll's answer: new comments, deletions, the pinned answer, the ticker. */
  function take(d: PollAnswer) {
    merge(list(d.items))
    drop(ids(d.deleted))
    if ('pinnedAnswer' in d) pin(d)
    if (d.settings) setSettings(d.settings)
    tick(d.ticker ?? [])
  }

  // The SSE events (server/comments/frames.ts), on the overlay's connection.
  const stops = [
    overlay.listen('comments', (d) => merge(list((d as { items?: unknown })?.items))),
    overlay.listen('deleted', (d) => drop(ids((d as { ids?: unknown })?.ids))),
    overlay.listen('answered', answered),
    overlay.listen('pinned-answer', pin),
    overlay.listen('ticker', (d) => tick(d)),
  ]

  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const newest = () => comments().at(-1)?.id
  async function fetchOnce(first: boolean) {
    try {
      const since = first ? undefined : newest()
      take(await listComments(streamId, since ? { since } : { limit: KEEP }))
    } catch (e) {
      if ((e as { status?: number }).status === 404) setAvailable(false)
    }
  }
  // The newest 50 first (SSE sends them too: merged by id); then, only while SSE is down, poll.
  async function loop(first: boolean) {
    if (closed) return
    if (first || overlay.transport() === 'poll') await fetchOnce(first)
    if (!closed && available()) timer = setTimeout(() => void loop(false), POLL_MS)
  }
  void loop(true)
  onCleanup(() => {
    closed = true
    clearTimeout(timer)
    for (const s of stops) s()
  })

  return {
    comments,
    pinned,
    ticker,
    settings,
    setSettings,
    available,
    add: (c) => merge([c]),
    remove: (id) => drop([id]),
    change: (id, patch) => setComments((cur) => cur.map((c) => (c.id === id ? { ...c, ...patch } : c))),
  }
}
