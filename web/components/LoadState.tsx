import { A } from '@solidjs/router'
import { Show, type JSX } from 'solid-js'
import type { Load } from '../lib/load.ts'
import { codeMsg, show } from '../lib/errors.ts'
import { t } from '../lib/i18n.ts'

/** The one rendering of a load (web/lib/load.ts): "Loading…", what went wrong with a retry button, or — on a 404 — `notFound` when given. */
export function LoadState(props: { of: Pick<Load<unknown>, 'loading' | 'error' | 'refetch'>; notFound?: JSX.Element }) {
  const loading = () => props.of.loading()
  const missing = () => props.notFound !== undefined && props.of.error()?.status === 404
  return (
    <>
      <Show when={loading()}>
        <p class="muted" aria-live="polite">
          {t('common.loading')}
        </p>
      </Show>
      <Show when={!loading() && missing()}>{props.notFound}</Show>
      <Show when={!loading() && !missing() && props.of.error()}>
        {(err) => (
          <div class="notice warn" role="alert">
            <p>{show(codeMsg(err()))}</p>
            <button type="button" onClick={() => void props.of.refetch()}>
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
