import { Show } from 'solid-js'
import { createChat } from '../../../lib/chat.ts'
import type { Beacons } from '../../../lib/beacons.ts'
import type { Overlay } from '../../../lib/overlay.ts'
import type { ChatStartWith } from '../ChatStart.tsx'
import { CommentBar } from './CommentBar.tsx'
import { CommentStream, PinnedAnswerBox, TickerLine } from './CommentStream.tsx'
import { LikeButton } from './LikeButton.tsx'
// With this lazy chunk: the first load of the room stays light (tests/e2e/delivery.test.ts).
import './chat.css'

/**
 * The room's conversation over the lower video: what people say, the host's pinned answer, who
 * just applied; and under it the comment bar with one-tap questions and 点赞. The parts sit in
 * the dock's grid by CSS `order`, around the pinned job card.
 */
export default function RoomChat(props: { streamId: string; overlay: Overlay; beacons: Beacons; open: boolean; start: ChatStartWith }) {
  const chat = createChat(props.streamId, props.overlay)
  return (
    <>
      <div class="chat-over">
        <TickerLine ticker={chat.ticker()} />
        <CommentStream comments={chat.comments()} />
        <PinnedAnswerBox pinned={chat.pinned()} />
      </div>
      <Show when={chat.available() && props.open}>
        <CommentBar streamId={props.streamId} onSent={chat.add} start={props.start}>
          <LikeButton onLike={props.beacons.like} />
        </CommentBar>
      </Show>
    </>
  )
}
