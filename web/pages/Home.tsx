import { api, call } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { createPaged } from '../lib/paged.ts'
import { StreamList } from '../components/StreamList.tsx'

const streamsPage = (status: 'live' | 'scheduled') => (_: true, cursor?: string) =>
  call(api.streams.$get({ query: { status, limit: '20', ...(cursor ? { cursor } : {}) } }))

export default function Home() {
  const live = createPaged(() => true as const, streamsPage('live'))
  const upcoming = createPaged(() => true as const, streamsPage('scheduled'))
  return (
    <main>
      <p class="tagline">{t('app.tagline')}</p>
      <StreamList
        title={t('home.live')}
        empty={t('home.noLive')}
        items={live.items()}
        loading={live.loading()}
        error={live.error()}
        next={live.next()}
        onRetry={live.reload}
        onMore={live.more}
      />
      <StreamList
        title={t('home.upcoming')}
        empty={t('home.noUpcoming')}
        items={upcoming.items()}
        loading={upcoming.loading()}
        error={upcoming.error()}
        next={upcoming.next()}
        onRetry={upcoming.reload}
        onMore={upcoming.more}
      />
    </main>
  )
}
