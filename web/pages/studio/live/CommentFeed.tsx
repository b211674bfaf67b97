import { For, Show, createSignal } from 'solid-js'
import { asFailure } from '../../../lib/api.ts'
import { createChat, type Comment } from '../../../lib/chat.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { formatClock } from '../../../lib/format.ts'
import { wt } from '../../../lib/staff-words.ts'
import type { Overlay } from '../../../lib/overlay.ts'
import { deleteComment, markAnswered, muteWriter, pinAnswer } from '../../../lib/queries/comments.ts'
import { loadMutedViewers } from '../../../lib/queries/moderation.ts'
import { createLoad } from '../../../lib/load.ts'
import { FormError } from '../../../components/FormError.tsx'
import { ChatSwitches } from './ChatSwitches.tsx'
import { MutedList } from './MutedList.tsx'

/** A question is what people ask: a chip's text or anything with a question mark. */
const isQuestion = (text: string) => /[?？]/.test(text)
/** The muted list follows the other moderator's mutes this often. */
const MUTED_MS = 15_000

/**
 * The room's comments for the host and 场控: questions stand out; each can be marked 已回答,
 * answered over the video (置顶回答), deleted, or its writer muted in this stream.
 */
export function CommentFeed(props: { streamId: string; overlay: Overlay; disabled: boolean }) {
  const chat = createChat(props.streamId, props.overlay)
  const [problem, setProblem] = createSignal('')
  const [answering, setAnswering] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal<string | null>(null)
  // Newest on top: the host looks up from the camera at what just came in.
  const items = () => [...chat.comments()].reverse()
  const muted = createLoad(() => props.streamId, loadMutedViewers, { keep: true, every: () => MUTED_MS })

  async function act(id: string, what: () => Promise<unknown>) {
    setBusy(id)
    setProblem('')
    try {
      await what()
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBusy(null)
    }
  }
  const answered = (c: Comment) => act(c.id, async () => (await markAnswered(c.id), chat.change(c.id, { answered: true })))
  const remove = (c: Comment) => act(c.id, async () => (await deleteComment(c.id), chat.remove(c.id)))
  const mute = (c: Comment) => confirm(wt('chat.confirmMute', { name: c.name })) && act(c.id, async () => (await muteWriter(props.streamId, c.id), await muted.refetch()))
  const pin = (c: Comment, answer: string) =>
    act(c.id, async () => {
      await pinAnswer(props.streamId, { commentId: c.id, answer })
      chat.change(c.id, { answered: true })
      setAnswering(null)
    })

  return (
    <section class="panel chat-feed" aria-labelledby="chat-title">
      <h2 id="chat-title">
        {wt('chat.consoleTitle')} <span class="muted">{wt('chat.count', { n: chat.comments().length })}</span>
      </h2>
      <ChatSwitches streamId={props.streamId} settings={chat.settings()} onSaved={chat.setSettings} />
      <MutedList streamId={props.streamId} muted={muted} comments={chat.comments()} />
      <Show when={chat.pinned()}>
        {(p) => (
          <div class="chat-pinned" role="status">
            <p>
              <strong>{wt('chat.pinnedNow')}</strong> {p().question} → {p().answer}
            </p>
            <button type="button" disabled={busy() !== null} onClick={() => act('pin', () => pinAnswer(props.streamId, null))}>
              {wt('chat.unpin')}
            </button>
          </div>
        )}
      </Show>
      <FormError message={problem()} />
      <Show when={items().length} fallback={<p class="empty">{wt('chat.none')}</p>}>
        <ul class="chat-list">
          <For each={items()}>
            {(c) => (
              <li classList={{ question: isQuestion(c.text), answered: !!c.answered }}>
                <p class="chat-line">
                  <span class="chat-who">{c.name}</span>
                  <span class="chat-when">{formatClock(c.at)}</span>
                  <Show when={c.answered}>
                    <span class="chat-done">✓ {wt('chat.answered')}</span>
                  </Show>
                </p>
                <p class="chat-body">{c.text}</p>
                <Show when={answering() === c.id}>
                  <form
                    class="chat-answer-form"
                    onSubmit={(e) => {
                      e.preventDefault()
                      const answer = String(new FormData(e.currentTarget).get('answer') ?? '').trim()
                      if (answer) void pin(c, answer)
                    }}
                  >
                    <input name="answer" type="text" maxLength={200} aria-label={wt('chat.answerLabel')} placeholder={wt('chat.answerLabel')} autofocus />
                    <button type="submit" class="primary" disabled={busy() !== null}>
                      {wt('chat.pinAnswer')}
                    </button>
                  </form>
                </Show>
                <div class="chat-actions">
                  <Show when={!c.answered}>
                    <button type="button" disabled={props.disabled || busy() !== null} onClick={() => answered(c)}>
                      {wt('chat.markAnswered')}
                    </button>
                  </Show>
                  <button type="button" disabled={props.disabled || busy() !== null} onClick={() => setAnswering(answering() === c.id ? null : c.id)}>
                    {wt('chat.pinAnswer')}
                  </button>
                  <button type="button" disabled={busy() !== null} onClick={() => remove(c)}>
                    {wt('chat.delete')}
                  </button>
                  <button type="button" class="danger" disabled={props.disabled || busy() !== null} onClick={() => mute(c)}>
                    {wt('chat.mute')}
                  </button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
