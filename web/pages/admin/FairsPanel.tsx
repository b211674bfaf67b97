import { A } from '@solidjs/router'
import { For, Show, createSignal } from 'solid-js'
import { api, call } from '../../lib/api.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { createPaged } from '../../lib/paged.ts'
import { LoadState } from '../../components/LoadState.tsx'
import { MoreButton } from '../../components/MoreButton.tsx'
import { FairForm } from './FairForm.tsx'

export function FairsPanel() {
  const fairs = createPaged(
    () => true as const,
    (_, cursor) => call(api.fairs.$get({ query: { limit: '50', ...(cursor ? { cursor } : {}) } })),
  )
  const [creating, setCreating] = createSignal(false)
  return (
    <section>
      <Show
        when={creating()}
        fallback={
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            {t('admin.newFair')}
          </button>
        }
      >
        <FairForm
          onSaved={(fair) => {
            fairs.setItems((list) => [fair, ...list])
            setCreating(false)
          }}
          onCancel={() => setCreating(false)}
        />
      </Show>
      <div class="grid">
        <For each={fairs.items()}>
          {(f) => (
            <A href={`/fairs/${f.id}`} class="card">
              <h3>{f.title}</h3>
              <p>{t('fair.dates', { from: formatWhen(f.startsAt), to: formatWhen(f.endsAt) })}</p>
            </A>
          )}
        </For>
      </div>
      <Show when={!fairs.loading() && !fairs.error() && fairs.items().length === 0}>
        <p class="empty">{t('admin.noFairs')}</p>
      </Show>
      <LoadState loading={fairs.loading()} error={fairs.error()} onRetry={fairs.reload} />
      <MoreButton next={fairs.next()} loading={fairs.loading()} onMore={fairs.more} />
    </section>
  )
}
