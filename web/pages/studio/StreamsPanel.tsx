import { A } from '@solidjs/router'
import { Show, createSignal } from 'solid-js'
import type { StreamRow } from '../../lib/api.ts'
import { listStreams, moveStream } from '../../lib/queries/streams.ts'
import { createRowAction } from '../../lib/row-action.ts'
import { show } from '../../lib/errors.ts'
import { formatJobCount, formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { createPaged } from '../../lib/paged.ts'
import { FormError } from '../../components/FormError.tsx'
import { Opener } from '../../components/Opener.tsx'
import { PagedGrid } from '../../components/PagedGrid.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { ShareButton } from '../../components/ShareButton.tsx'
import { StreamForm } from './StreamForm.tsx'

/** The company's streams: schedule, edit, go live, end. */
export function StreamsPanel(props: { companyId: string; canWrite: boolean }) {
  const streams = createPaged(
    () => props.companyId,
    (companyId, cursor) => listStreams({ companyId }, 50, cursor),
  )
  const [editing, setEditing] = createSignal<string | 'new' | null>(null)
  const action = createRowAction()

  function move(s: StreamRow, to: 'start' | 'end') {
    if (to === 'end' && !confirm(wt('studio.confirmEnd', { title: s.title }))) return
    return action.run(s.id, async () => {
      await moveStream(s.id, to)
      await streams.reload()
    })
  }
  const saved = () => {
    setEditing(null)
    void streams.reload()
  }

  return (
    <section>
      <Opener label={wt('studio.newStream')} open={editing() === 'new'} onOpen={() => setEditing('new')} disabled={!props.canWrite}>
        <StreamForm companyId={props.companyId} onSaved={saved} onCancel={() => setEditing(null)} />
      </Opener>
      <FormError message={show(action.problem())} />
      <PagedGrid list={streams} empty={wt('studio.noStreams')}>
        {(s) => (
          <Show when={editing() === s.id} fallback={<StreamAdminCard stream={s} canWrite={props.canWrite} busy={action.busy(s.id)} onEdit={() => setEditing(s.id)} onMove={(to) => move(s, to)} />}>
            <StreamForm companyId={props.companyId} stream={s} onSaved={saved} onCancel={() => setEditing(null)} />
          </Show>
        )}
      </PagedGrid>
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
            {props.busy ? wt('studio.working') : wt('studio.start')}
          </button>
        </Show>
        <Show when={props.canWrite && s().status === 'live'}>
          <button type="button" class="danger" disabled={props.busy} onClick={() => props.onMove('end')}>
            {props.busy ? wt('studio.working') : wt('studio.end')}
          </button>
        </Show>
        <Show when={props.canWrite && s().status !== 'ended'}>
          <button type="button" disabled={props.busy} onClick={() => props.onEdit()}>
            {t('common.edit')}
          </button>
        </Show>
        <A href={`/studio/live/${s().id}`} class="button">
          {wt('live.open')}
        </A>
        <A href={`/studio/report/${s().id}`} class="button">
          {wt('report.stream')}
        </A>
        <A href={`/watch/${s().id}`} class="button">
          {t('studio.view')}
        </A>
        <ShareButton target={() => ({ kind: 'stream', id: s().id, title: s().title, status: s().status, startsAt: s().scheduledAt })} />
      </div>
    </article>
  )
}
