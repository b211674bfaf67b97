import { For, Match, Show, Switch } from 'solid-js'
import type { Job } from '../../lib/api.ts'
import { codeMsg, show } from '../../lib/errors.ts'
import { t } from '../../lib/i18n.ts'
import { markSeen, tracked } from '../../lib/outbox.ts'

/**
 * Applications of this stream whose sheet is closed (or that were left over from an earlier
 * visit): "retrying" while they wait, then how it ended until the user closes the note.
 */
export function ApplyNotices(props: { streamId: string; jobs: Map<string, Job> }) {
  const items = () => Object.entries(tracked).filter(([, x]) => x.streamId === props.streamId && !x.seen)
  return (
    <div class="notices" aria-live="polite">
      <For each={items()}>
        {([key, item]) => {
          const job = () => props.jobs.get(item.jobId)?.title ?? ''
          const o = () => item.outcome
          return (
            <div class="toast" classList={{ ok: o().state === 'done' || o().state === 'already', warn: o().state === 'rejected' }} role="status">
              <p>
                <Switch fallback={t('apply.pending', { job: job() })}>
                  <Match when={o().state === 'done'}>{t('apply.doneToast', { job: job() })}</Match>
                  <Match when={o().state === 'already'}>
                    {job()}：{t('apply.already')}
                  </Match>
                  <Match when={(() => { const x = o(); return x.state === 'rejected' ? x : null })()}>
                    {(x) => t('apply.failedToast', { job: job(), why: x().failure.code === 'INVALID_STATE' ? t('apply.closed') : show(codeMsg(x().failure)) })}
                  </Match>
                </Switch>
              </p>
              <Show when={o().state !== 'waiting' && o().state !== 'sending'}>
                <button type="button" class="icon-button" aria-label={t('watch.close')} onClick={() => markSeen(key)}>
                  ×
                </button>
              </Show>
            </div>
          )
        }}
      </For>
    </div>
  )
}
