import { A } from '@solidjs/router'
import { Show, type JSX } from 'solid-js'
import type { ApiFailure } from '../lib/api.ts'
import { codeMsg, show } from '../lib/errors.ts'
import { t } from '../lib/i18n.ts'

/** "Loading…", what went wrong with a retry button, or — on a 404 — `notFound` when given. */
export function LoadState(props: { loading: boolean; error: ApiFailure | null | undefined; onRetry: () => void; notFound?: JSX.Element }) {
  const missing = () => props.notFound !== undefined && props.error?.status === 404
  return (
    <>
      <Show when={props.loading}>
        <p class="muted" aria-live="polite">
          {t('common.loading')}
        </p>
      </Show>
      <Show when={!props.loading && missing()}>{props.notFound}</Show>
      <Show when={!props.loading && !missing() && props.error}>
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

/** A page's record does not exist: say so, and offer the way home. */
export function NotFoundHome(props: { message: string }) {
  return (
    <>
      <p class="empty">{props.message}</p>
      <A href="/" class="button">
        {t('common.back')}
      </A>
    </>
  )
}
