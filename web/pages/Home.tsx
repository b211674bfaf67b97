import { Show } from 'solid-js'
import { listStreams } from '../lib/queries/streams.ts'
import { t } from '../lib/i18n.ts'
import { createPaged } from '../lib/paged.ts'
import { StreamList } from '../components/StreamList.tsx'
import { ElderOffer } from '../components/ElderControls.tsx'

const streamsPage = (status: 'live' | 'scheduled') => (_: true, cursor?: string) => listStreams({ status }, 20, cursor)

export default function Home() {
  const live = createPaged(() => true as const, streamsPage('live'))
  const upcoming = createPaged(() => true as const, streamsPage('scheduled'))
  // Ended, most recent first, but their jobs still take applications: 岗位仍可报名.
  const endedOpen = createPaged(() => true as const, (_: true, cursor?: string) => listStreams({ status: 'ended', openJobs: 'true' }, 10, cursor))
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
