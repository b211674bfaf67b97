import { Show, createSignal } from 'solid-js'
import type { RecruiterRow, UserStatus } from '../../lib/api.ts'
import { listRecruiters, moveRecruiter } from '../../lib/queries/accounts.ts'
import { createRowAction } from '../../lib/row-action.ts'
import { show } from '../../lib/errors.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { createPaged } from '../../lib/paged.ts'
import { FormError } from '../../components/FormError.tsx'
import { PagedGrid } from '../../components/PagedGrid.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { Tabs } from '../../components/Tabs.tsx'

/** Company accounts by status, with approve / suspend. */
export function RecruitersPanel() {
  const [status, setStatus] = createSignal<UserStatus>('pending')
  const list = createPaged(status, (s, cursor) => listRecruiters(s, 50, cursor))
  const action = createRowAction()

  const act = (r: RecruiterRow, to: 'approve' | 'suspend') =>
    action.run(r.id, async () => {
      await moveRecruiter(r.id, to)
      list.setItems((items) => items.filter((x) => x.id !== r.id))
    })

  return (
    <section>
      <Tabs<UserStatus>
        label={wt('admin.tabRecruiters')}
        items={(['pending', 'approved', 'suspended'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={status()}
        onChange={setStatus}
      />
      <FormError message={show(action.problem())} />
      <PagedGrid list={list} empty={wt('admin.noRecruiters')}>
        {(r) => (
          <article class="card">
            <div class="card-top">
              <StatusBadge status={r.status} />
              <span>{wt('admin.registeredAt', { when: formatWhen(r.createdAt) })}</span>
            </div>
            <h3>{r.company?.name ?? '—'}</h3>
            <p>{r.name}</p>
            <p class="break">{r.email}</p>
            <div class="actions">
              <Show when={r.status !== 'approved'}>
                <button type="button" class="primary" disabled={action.busy(r.id)} onClick={() => act(r, 'approve')}>
                  {action.busy(r.id) ? wt('studio.working') : wt('admin.approve')}
                </button>
              </Show>
              <Show when={r.status !== 'suspended'}>
                <button type="button" class="danger" disabled={action.busy(r.id)} onClick={() => act(r, 'suspend')}>
                  {action.busy(r.id) ? wt('studio.working') : wt('admin.suspend')}
                </button>
              </Show>
            </div>
          </article>
        )}
      </PagedGrid>
    </section>
  )
}
