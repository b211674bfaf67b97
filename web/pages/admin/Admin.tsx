import { A, useSearchParams } from '@solidjs/router'
import { Match, Switch } from 'solid-js'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { RequireRole } from '../../components/RequireRole.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { FairsPanel } from './FairsPanel.tsx'
import { RecruitersPanel } from './RecruitersPanel.tsx'
import { StationsPanel } from './StationsPanel.tsx'
import { BannedWordsPanel } from './BannedWordsPanel.tsx'

type Tab = 'recruiters' | 'fairs' | 'stations' | 'banned'
const TABS: readonly Tab[] = ['recruiters', 'fairs', 'stations', 'banned']

export default function Admin() {
  const [params, setParams] = useSearchParams<{ tab?: string }>()
  const tab = (): Tab => TABS.find((x) => x === params.tab) ?? 'recruiters'
  return (
    <RequireRole role="organizer" denied={t('admin.onlyOrganizers')}>
      <main>
        <h1>{wt('admin.title')}</h1>
        <A href="/admin/overview" class="button">
          {wt('report.overview')}
        </A>
        <Tabs<Tab>
          label={wt('admin.title')}
          items={[
            { value: 'recruiters', label: wt('admin.tabRecruiters') },
            { value: 'fairs', label: wt('admin.tabFairs') },
            { value: 'stations', label: wt('admin.tabStations') },
            { value: 'banned', label: wt('admin.tabBannedWords') },
          ]}
          value={tab()}
          onChange={(v) => setParams({ tab: v === 'recruiters' ? undefined : v }, { replace: true })}
        />
        <Switch>
          <Match when={tab() === 'recruiters'}>
            <RecruitersPanel />
          </Match>
          <Match when={tab() === 'fairs'}>
            <FairsPanel />
          </Match>
          <Match when={tab() === 'stations'}>
            <StationsPanel />
          </Match>
          <Match when={tab() === 'banned'}>
            <BannedWordsPanel />
          </Match>
        </Switch>
      </main>
    </RequireRole>
  )
}
