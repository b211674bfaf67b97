import { A } from '@solidjs/router'
import { For, Show, createSignal } from 'solid-js'
import { api, asFailure, call, type StreamRow } from '../../lib/api.ts'
import { codeMsg, show, type Msg } from '../../lib/errors.ts'
import { formatJobCount, formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { createPaged } from '../../lib/paged.ts'
import { FormError } from '../../components/FormError.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { MoreButton } from '../../components/MoreButton.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { StreamForm } from './StreamForm.tsx'

/** The company's streams: schedule, edit, go live, end. */
export function StreamsPanel(props: { companyId: string; canWrite: boolean }) {
  const streams = createPaged(
    () => props.companyId,
    (companyId, cursor) => call(api.streams.$get({ query: { companyId, limit: '50', ...(cursor ? { cursor } : {}) } })),
  )
  const [editing, setEditing] = createSignal<string | 'new' | null>(null)
  const [working, setWorking] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal<Msg | null>(null)

  async function move(s: StreamRow, to: 'start' | 'end') {
    if (to === 'end' && !confirm(t('studio.confirmEnd', { title: s.title }))) return
    setWorking(s.id)
    setProblem(null)
    try {
      const req = to === 'start' ? api.streams[':id'].start.$post({ param: { id: s.id } }) : api.streams[':id'].end.$post({ param: { id: s.id } })
      await call(req)
      await streams.reload()
    } catch (e) {
      setProblem(codeMsg(asFailure(e)))
    } finally {
      setWorking(null)
    }
  }
  const saved = () => {
    setEditing(null)
    void streams.reload()
  }

  return (
    <section>
      <Show
        when={editing() === 'new'}
        fallback={
          <button type="button" class="primary" disabled={!props.canWrite} onClick={() => setEditing('new')}>
            {t('studio.newStream')}
          </button>
        }
      >
        <StreamForm companyId={props.companyId} onSaved={saved} onCancel={() => setEditing(null)} />
      </Show>
      <FormError message={show(problem())} />
      <div class="grid">
        <For each={streams.items()}>
          {(s) => (
            <Show when={editing() === s.id} fallback={<StreamAdminCard stream={s} canWrite={props.canWrite} busy={working() === s.id} onEdit={() => setEditing(s.id)} onMove={(to) => move(s, to)} />}>
              <StreamForm companyId={props.companyId} stream={s} onSaved={saved} onCancel={() => setEditing(null)} />
            </Show>
          )}
        </For>
      </div>
      <Show when={!streams.loading() && !streams.error() && streams.items().length === 0}>
        <p class="empty">{t('studio.noStreams')}</p>
      </Show>
      <LoadState loading={streams.loading()} error={streams.error()} onRetry={streams.reload} />
      <MoreButton next={streams.next()} loading={streams.loading()} onMore={streams.more} />
    </section>
  )
}

function StreamAdminCard(props: { stream: StreamRow; canWrite: boolean; busy: boolean; onEdit: () => void; onMove: (to: 'start' | 'end') => void }) {
  const s = () => props.stream
  return (
    <article class="card">
      <div class="card-top">
        <StatusBadge status={s().status} />
        <time datetime={s().scheduledAt}>{formatWhen(s().scheduledAt)}</time>
      </div>
      <h3>{s().title}</h3>
      <p class="muted">{formatJobCount(s().jobCount)}</p>
      <div class="actions">
        <Show when={props.canWrite && s().status === 'scheduled'}>
          <button type="button" class="primary" disabled={props.busy} onClick={() => props.onMove('start')}>
            {props.busy ? t('studio.working') : t('studio.start')}
          </button>
        </Show>
        <Show when={props.canWrite && s().status === 'live'}>
          <button type="button" class="danger" disabled={props.busy} onClick={() => props.onMove('end')}>
            {props.busy ? t('studio.working') : t('studio.end')}
          </button>
        </Show>
        <Show when={props.canWrite && s().status !== 'ended'}>
          <button type="button" disabled={props.busy} onClick={() => props.onEdit()}>
            {t('common.edit')}
          </button>
        </Show>
        <A href={`/watch/${s().id}`} class="button">
          {t('studio.view')}
        </A>
      </div>
    </article>
  )
}
