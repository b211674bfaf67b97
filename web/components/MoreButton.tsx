import { Show } from 'solid-js'
import { t } from '../lib/i18n.ts'

export function MoreButton(props: { next: string | null; loading: boolean; onMore: () => void }) {
  return (
    <Show when={props.next && !props.loading}>
      <button type="button" class="more" onClick={() => props.onMore()}>
        {t('common.more')}
      </button>
    </Show>
  )
}
