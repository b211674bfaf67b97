import { For, createSignal } from 'solid-js'
import { t } from '../../../lib/i18n.ts'

const MAX_HEARTS = 12 // a fast thumb must not pile up nodes

/** 点赞: a beacon per tap and a heart floating up (CSS; still under prefers-reduced-motion). */
export function LikeButton(props: { onLike: () => void }) {
  const [hearts, setHearts] = createSignal<{ id: number; x: number }[]>([])
  let n = 0
  const done = (id: number) => setHearts((h) => h.filter((x) => x.id !== id))
  function tap() {
    props.onLike()
    const id = ++n
    setHearts((h) => [...h.slice(-MAX_HEARTS + 1), { id, x: Math.round(Math.random() * 40 - 20) }])
    setTimeout(() => done(id), 1600) // animationend does not fire when motion is reduced
  }
  return (
    <div class="like">
      <button type="button" class="like-button" aria-label={t('chat.like')} onClick={tap}>
        ❤
      </button>
      <div class="hearts" aria-hidden="true">
        <For each={hearts()}>{(h) => <span class="heart" style={{ '--x': `${h.x}px` }} onAnimationEnd={() => done(h.id)}>❤</span>}</For>
      </div>
    </div>
  )
}
