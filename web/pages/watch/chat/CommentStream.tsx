import { For, Show, createEffect, createSignal, onCleanup } from 'solid-js'
import type { Comment, PinnedAnswer, Ticker } from '../../../lib/chat.ts'
import { ct } from '../../../lib/chat-words.ts'

const SHOWN = 4 // the last few; older ones fade out above
const TICKER_MS = 6000

/** The last comments, rendered as text only (Solid's text nodes: markup stays markup). */
export function CommentStream(props: { comments: Comment[] }) {
  const last = () => props.comments.slice(-SHOWN)
  return (
    <ul class="chat-stream" role="log" aria-label={ct('chat.feed')} aria-live="polite">
      <For each={last()}>
        {(c, i) => (
          <li style={{ opacity: String(1 - (last().length - 1 - i()) * 0.18) }}>
            <span class="chat-name">{c.name}</span>
            <span class="chat-text">{c.text}</span>
          </li>
        )}
      </For>
    </ul>
  )
}

/** The host's answer, pinned over the video for everyone. */
export function PinnedAnswerBox(props: { pinned: PinnedAnswer | null }) {
  return (
    <Show when={props.pinned}>
      {(p) => (
        <section class="chat-answer" aria-label={ct('chat.pinnedAnswer')}>
          <Show when={p().question}>
            <p class="chat-answer-q">{p().question}</p>
          </Show>
          <p class="chat-answer-a">
            <span class="chat-answer-tag">{ct('chat.pinnedAnswer')}</span>
            {p().answer}
          </p>
        </section>
      )}
    </Show>
  )
}

/** 「张**刚刚报名了缝纫工」 from the server (masked there), shown for a few seconds. */
export function TickerLine(props: { ticker: Ticker | null }) {
  const [shown, setShown] = createSignal<Ticker | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  createEffect(() => {
    const tk = props.ticker
    if (!tk) return
    setShown(tk)
    clearTimeout(timer)
    timer = setTimeout(() => setShown(null), TICKER_MS)
  })
  onCleanup(() => clearTimeout(timer))
  return (
    <Show when={shown()}>
      {(tk) => (
        <p class="chat-ticker" role="status" aria-label={ct('chat.ticker')}>
          {ct('chat.tickerText', { name: tk().name, job: tk().job })}
        </p>
      )}
    </Show>
  )
}
