import { For, Show, createSignal } from 'solid-js'
import { api, asFailure, call, type RecruiterRow, type UserStatus } from '../../lib/api.ts'
import { codeMsg, show, type Msg } from '../../lib/errors.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { createPaged } from '../../lib/paged.ts'
import { FormError } from '../../components/FormError.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { MoreButton } from '../../components/MoreButton.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { Tabs } from '../../components/Tabs.tsx'

/** Company accounts by status, with approve / suspend. */
export function RecruitersPanel() {
  const [status, setStatus] = createSignal<UserStatus>('pending')
  const list = createPaged(status, (s, cursor) => call(api.admin.recruiters.$get({ query: { status: s, limit: '50', ...(cursor ? { cursor } : {}) } })))
  const [working, setWorking] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal<Msg | null>(null)

  async function act(r: RecruiterRow, action: 'approve' | 'suspend') {
    setWorking(r.id)
    setProblem(null)
    try {
      const param = { param: { userId: r.id } }
      await call(action === 'approve' ? api.admin.recruiters[':userId'].approve.$post(param) : api.admin.recruiters[':userId'].suspend.$post(param))
      list.setItems((items) => items.filter((x) => x.id !== r.id))
    } catch (e) {
      setProblem(codeMsg(asFailure(e)))
    } finally {
      setWorking(null)
    }
  }

  return (
    <section>
      <Tabs<UserStatus>
        label={t('admin.tabRecruiters')}
        items={(['pending', 'approved', 'suspended'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={status()}
        onChange={setStatus}
      />
      <FormError message={show(problem())} />
      <div class="grid">
        <For each={list.items()}>
          {(r) => (
            <article class="card">
              <div class="card-top">
                <StatusBadge status={r.status} />
                <span>{t('admin.registeredAt', { when: formatWhen(r.createdAt) })}</span>
              </div>
              <h3>{r.company?.name ?? '—'}</h3>
              <p>{r.name}</p>
              <p class="break">{r.email}</p>
              <div class="actions">
                <Show when={r.status !== 'approved'}>
                  <button type="button" class="primary" disabled={working() === r.id} onClick={() => act(r, 'approve')}>
                    {working() === r.id ? t('studio.working') : t('admin.approve')}
                  </button>
                </Show>
                <Show when={r.status !== 'suspended'}>
                  <button type="button" class="danger" disabled={working() === r.id} onClick={() => act(r, 'suspend')}>
                    {working() === r.id ? t('studio.working') : t('admin.suspend')}
                  </button>
                </Show>
              </div>
            </article>
          )}
        </For>
      </div>
      <Show when={!list.loading() && !list.error() && list.items().length === 0}>
        <p class="empty">{t('admin.noRecruiters')}</p>
      </Show>
      <LoadState loading={list.loading()} error={list.error()} onRetry={list.reload} />
      <MoreButton next={list.next()} loading={list.loading()} onMore={list.more} />
    </section>
  )
}
