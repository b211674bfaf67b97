import { Show } from 'solid-js'
import type { ApiFailure } from '../../lib/api.ts'
import { codeMsg, show } from '../../lib/errors.ts'
import { t } from '../../lib/i18n.ts'
import { clock } from '../../lib/report-format.ts'
import { rt } from '../../lib/report-words.ts'

/** "Updated 14:05:09", or, when a refresh failed but older numbers are shown, says so. */
export function Freshness(props: { at: Date | null; error: ApiFailure | null; note?: string; loading?: boolean }) {
  return (
    <>
      <Show when={props.error && props.at}>
        <p class="notice warn" role="status">
          {rt('state.stale', { time: clock(props.at!) })} {show(codeMsg(props.error!))}
        </p>
      </Show>
      <p class="freshness muted" aria-live="off">
        <Show when={props.note}>
          <span class="live-dot" aria-hidden="true" />
          {props.note}
          {' · '}
        </Show>
        <Show when={props.at}>{rt('state.updated', { time: clock(props.at!) })}</Show>
        <Show when={props.loading}>
          {' · '}
          {t('common.loading')}
        </Show>
      </p>
    </>
  )
}
