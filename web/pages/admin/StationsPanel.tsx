import { listStations } from '../../lib/queries/accounts.ts'
import { wt } from '../../lib/staff-words.ts'
import { createPaged } from '../../lib/paged.ts'
import { PagedGrid } from '../../components/PagedGrid.tsx'
import { StationForm } from './StationForm.tsx'

/** Village service station accounts: create one, see the ones there are (newest first). */
export function StationsPanel() {
  const stations = createPaged(
    () => true as const,
    (_, cursor) => listStations(50, cursor),
  )
  return (
    <section>
      <StationForm onCreated={() => void stations.reload()} />
      <h2>{wt('admin.stations')}</h2>
      <PagedGrid list={stations} empty={wt('admin.noStations')}>
        {(s) => (
          <article class="card">
            <h3>{s.name}</h3>
            <p>{wt('admin.stationTown', { town: s.town ?? '—' })}</p>
            <p class="break">{s.email}</p>
          </article>
        )}
      </PagedGrid>
    </section>
  )
}
