import { A } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { listFairs } from '../../lib/queries/fairs.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { createPaged } from '../../lib/paged.ts'
import { Opener } from '../../components/Opener.tsx'
import { PagedGrid } from '../../components/PagedGrid.tsx'
import { FairForm } from './FairForm.tsx'

export function FairsPanel() {
  const fairs = createPaged(
    () => true as const,
    (_, cursor) => listFairs(50, cursor),
  )
  const [creating, setCreating] = createSignal(false)
  return (
    <section>
      <Opener label={wt('admin.newFair')} open={creating()} onOpen={() => setCreating(true)}>
        <FairForm
          onSaved={(fair) => {
            fairs.setItems((list) => [fair, ...list])
            setCreating(false)
          }}
          onCancel={() => setCreating(false)}
        />
      </Opener>
      <PagedGrid list={fairs} empty={wt('admin.noFairs')}>
        {(f) => (
          <A href={`/fairs/${f.id}`} class="card">
            <h3>{f.title}</h3>
            <p>{t('fair.dates', { from: formatWhen(f.startsAt), to: formatWhen(f.endsAt) })}</p>
          </A>
        )}
      </PagedGrid>
    </section>
  )
}
