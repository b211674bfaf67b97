import { Show } from 'solid-js'
import type { ApiFailure } from '../lib/api.ts'
import { codeMsg, show } from '../lib/errors.ts'
import { t } from '../lib/i18n.ts'

/** "Loading…", or what went wrong with a retry button. */
export function LoadState(props: { loading: boolean; error: ApiFailure | null | undefined; onRetry: () => void }) {
  return (
    <>
      <Show when={props.loading}>
        <p class="muted" aria-live="polite">
          {t('common.loading')}
        </p>
      </Show>
      <Show when={!props.loading && props.error}>
        {(err) => (
          <div class="notice warn" role="alert">
            <p>{show(codeMsg(err()))}</p>
            <button type="button" onClick={() => props.onRetry()}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </Show>
    </>
  )
}
