import { Show } from 'solid-js'
import type { StreamRow } from '../lib/api.ts'
import { listStreams } from '../lib/queries/streams.ts'
import { t } from '../lib/i18n.ts'
import { createPaged, type Paged } from '../lib/paged.ts'
import { StreamList } from '../components/StreamList.tsx'
import { ElderOffer } from '../components/ElderControls.tsx'

/**
 * One section of the page's one list: its rows of one status. Only the first says what went
 * wrong; `more` shows where the list goes on (the last section that has rows).
 */
const section = (list: Paged<StreamRow>, status: StreamRow['status'], first: boolean, more: () => boolean): Paged<StreamRow> => ({
  ...list,
  items: () => list.items().filter((s) => s.status === status),
  next: () => (more() ? list.next() : null),
  error: () => (first ? list.error() : null),
})

export default function Home() {
  // One request for the whole page (a weak line pays for each): live first, then upcoming, then
  // ended streams whose jobs still take applications (岗位仍可报名), most recent first.
  const all = createPaged(() => true as const, (_: true, cursor?: string) => listStreams({ openJobs: 'true' }, 30, cursor))
  const endedOpen = section(all, 'ended', false, () => true)
  const live = section(all, 'live', true, () => false)
  const upcoming = section(all, 'scheduled', false, () => endedOpen.items().length === 0)
  return (
    <main>
      <ElderOffer />
      <p class="tagline">{t('app.tagline')}</p>
      <StreamList title={t('home.live')} empty={t('home.noLive')} list={live} />
      <StreamList title={t('home.upcoming')} empty={t('home.noUpcoming')} list={upcoming} />
      <Show when={endedOpen.items().length}>
        <StreamList title={t('home.endedOpen')} empty="" list={endedOpen} badge={t('home.endedOpenBadge')} />
      </Show>
    </main>
  )
}
