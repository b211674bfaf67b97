import type { StreamRow } from '../lib/api.ts'
import type { Paged } from '../lib/paged.ts'
import { PagedGrid } from './PagedGrid.tsx'
import { StreamCard } from './StreamCard.tsx'

export function StreamList(props: { title: string; empty: string; list: Paged<StreamRow>; badge?: string }) {
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      <PagedGrid list={props.list} empty={props.empty}>
        {(s) => <StreamCard stream={s} badge={props.badge} />}
      </PagedGrid>
    </section>
  )
}
