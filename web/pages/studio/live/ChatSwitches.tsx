import { createSignal } from 'solid-js'
import { asFailure } from '../../../lib/api.ts'
import type { ChatSettings } from '../../../lib/chat.ts'
import { codeMsg, show } from '../../../lib/errors.ts'
import { wt } from '../../../lib/staff-words.ts'
import { saveChatSettings } from '../../../lib/queries/comments.ts'
import { FormError } from '../../../components/FormError.tsx'

// Switched on when spam appears; off by default (0 = off on the server).
const SLOW_S = 10
const WATCH_S = 60

/** Slow mode and the established-viewer rule, as two switches. */
export function ChatSwitches(props: { streamId: string; settings: ChatSettings | null; onSaved: (s: ChatSettings) => void }) {
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  const slow = () => (props.settings?.slowModeSeconds ?? 0) > 0
  const established = () => (props.settings?.minWatchSeconds ?? 0) > 0

  async function save(change: Partial<ChatSettings>) {
    setBusy(true)
    setProblem('')
    try {
      props.onSaved((await saveChatSettings(props.streamId, change)).settings)
    } catch (e) {
      setProblem(show(codeMsg(asFailure(e))))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="chat-switches">
      <button type="button" class="chip-toggle" role="switch" aria-checked={slow()} aria-pressed={slow()} disabled={busy()} onClick={() => save({ slowModeSeconds: slow() ? 0 : SLOW_S })}>
        {wt('chat.slowMode', { n: SLOW_S })}
      </button>
      <button
        type="button"
        class="chip-toggle"
        role="switch"
        aria-checked={established()}
        aria-pressed={established()}
        disabled={busy()}
        onClick={() => save({ minWatchSeconds: established() ? 0 : WATCH_S })}
      >
        {wt('chat.establishedRule', { n: WATCH_S })}
      </button>
      <FormError message={problem()} />
    </div>
  )
}
