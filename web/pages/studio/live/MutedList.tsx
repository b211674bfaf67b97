import { For, Show, createSignal } from 'solid-js'
import { asFailure } from '../../../lib/api.ts'
import type { Comment } from '../../../lib/chat.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { formatClock } from '../../../lib/format.ts'
import type { Load } from '../../../lib/load.ts'
import { wt } from '../../../lib/staff-words.ts'
import { unmuteViewer, type MutedViewer } from '../../../lib/queries/moderation.ts'
import { FormError } from '../../../components/FormError.tsx'

/** The staff's comments carry the writer's device id (the type is the public one). */
type StaffComment = Comment & { viewerId?: string }

/**
 * Who is muted in this stream, each with 解除禁言 (a mistaken mute is undone at once). Shown only
 * while someone is; names come from the log, else from their comments still on screen.
 */
export function MutedList(props: { streamId: string; muted: Load<MutedViewer[]>; comments: Comment[] }) {
  const [busy, setBusy] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal('')
  const nameOf = (m: MutedViewer) => m.name ?? props.comments.find((c) => (c as StaffComment).viewerId === m.viewerId)?.name ?? wt('chat.someViewer', { tail: m.viewerId.slice(-4) })

  async function unmute(m: MutedViewer) {
    setBusy(m.viewerId)
    setProblem('')
    try {
      await unmuteViewer(props.streamId, m.viewerId)
      props.muted.mutate((list) => list?.filter((x) => x.viewerId !== m.viewerId))
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Show when={props.muted.data()?.length || problem()}>
      <div class="chat-muted" role="group" aria-labelledby="chat-muted-title">
        <h3 id="chat-muted-title">{wt('chat.mutedTitle', { n: props.muted.data()?.length ?? 0 })}</h3>
        <ul>
          <For each={props.muted.data() ?? []}>
            {(m) => (
              <li>
                <span class="chat-who">{nameOf(m)}</span>
                <span class="chat-when">{formatClock(m.at)}</span>
                <button type="button" disabled={busy() !== null} onClick={() => void unmute(m)}>
                  {wt('chat.unmute')}
                </button>
              </li>
            )}
          </For>
        </ul>
        <FormError message={problem()} />
      </div>
    </Show>
  )
}
