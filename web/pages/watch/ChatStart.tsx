import { For } from 'solid-js'
import { t } from '../../lib/i18n.ts'

export const CHIPS = ['chat.q1', 'chat.q2', 'chat.q3', 'chat.q4'] as const
export type ChatStartWith = { chip?: string; focus?: boolean }

/**
 * The comment bar as it looks before its code is here: the conversation's chunk loads when the
 * room has one or the viewer starts one (a tap here), so a quiet room's first load stays light.
 * Also shown while that chunk loads.
 */
export function ChatStart(props: { onStart: (w: ChatStartWith) => void; onLike: () => void }) {
  return (
    <>
      <div class="chat-chips" role="group" aria-label={t('chat.chips')}>
        <For each={CHIPS}>
          {(key) => (
            <button type="button" class="chat-chip" onClick={() => props.onStart({ chip: t(key) })}>
              {t(key)}
            </button>
          )}
        </For>
      </div>
      <div class="chat-bar">
        <input type="text" readOnly placeholder={t('chat.placeholder')} aria-label={t('chat.placeholder')} onFocus={() => props.onStart({ focus: true })} />
        <button type="button" class="primary chat-send" disabled>
          {t('chat.send')}
        </button>
        <button type="button" class="like-button" aria-label={t('chat.like')} onClick={props.onLike}>
          ❤
        </button>
      </div>
    </>
  )
}
