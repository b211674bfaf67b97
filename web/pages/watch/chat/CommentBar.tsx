import { For, Show, createSignal, onMount, type JSX } from 'solid-js'
import { asFailure } from '../../../lib/api.ts'
import { refusal, type Refusal } from '../../../lib/comment-refusal.ts'
import { chatName, isStation, renameChat } from '../../../lib/display-name.ts'
import { t } from '../../../lib/i18n.ts'
import { ct } from '../../../lib/chat-words.ts'
import { viewerId } from '../../../lib/ids.ts'
import { postComment, type Comment } from '../../../lib/queries/comments.ts'
import { CHIPS, type ChatStartWith } from '../ChatStart.tsx'

const MAX = 100

/** One line to type in, 发送, one-tap questions and the name comments go out under. */
export function CommentBar(props: { streamId: string; onSent: (c: Comment) => void; start?: ChatStartWith; children?: JSX.Element }) {
  const [text, setText] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal<Refusal | null>(null)
  const [renaming, setRenaming] = createSignal(false)
  let input!: HTMLInputElement
  // What the tap that loaded this chunk asked for (ChatStart): send the chip, or type.
  onMount(() => {
    if (props.start?.chip) void send(props.start.chip, true)
    else if (props.start?.focus) input.focus()
  })

  /** `chip`: a one-tap question leaves what is typed alone. */
  async function send(body: string, chip = false) {
    const clean = body.trim()
    if (!clean || busy()) return
    setBusy(true)
    setProblem(null)
    try {
      const { comment } = await postComment(props.streamId, { text: clean, viewerId: viewerId(), name: chatName() })
      props.onSent(comment)
      if (!chip) setText('')
    } catch (e) {
      setProblem(refusal(asFailure(e)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <div class="chat-chips" role="group" aria-label={t('chat.chips')}>
        <For each={CHIPS}>
          {(key) => (
            <button type="button" class="chat-chip" disabled={busy()} onClick={() => send(t(key), true)}>
              {t(key)}
            </button>
          )}
        </For>
      </div>
      <form
        class="chat-bar"
        aria-label={ct('chat.bar')}
        onSubmit={(e) => {
          e.preventDefault()
          void send(text())
        }}
      >
        <input
          ref={input}
          type="text"
          enterkeyhint="send"
          maxLength={MAX}
          placeholder={t('chat.placeholder')}
          aria-label={t('chat.placeholder')}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="primary chat-send" disabled={busy() || !text().trim()}>
          {busy() ? ct('chat.sending') : t('chat.send')}
        </button>
        {props.children}
      </form>
      <div class="chat-me">
        <Show when={problem()}>
          {(p) => (
            <p class="chat-problem" role="alert">
              {ct(p().key, p().args)}
            </p>
          )}
        </Show>
        <Show
          when={renaming()}
          fallback={
            <p class="chat-as">
              {ct('chat.as', { name: chatName() })}
              <Show when={!isStation()}>
                <button type="button" class="link-button" onClick={() => setRenaming(true)}>
                  {ct('chat.rename')}
                </button>
              </Show>
            </p>
          }
        >
          <form
            class="chat-rename"
            onSubmit={(e) => {
              e.preventDefault()
              renameChat(new FormData(e.currentTarget).get('name') as string)
              setRenaming(false)
            }}
          >
            <input name="name" type="text" maxLength={20} value={chatName()} aria-label={ct('chat.nameLabel')} />
            <button type="submit">{ct('chat.renameSave')}</button>
          </form>
        </Show>
      </div>
    </>
  )
}
