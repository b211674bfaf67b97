import { useSearchParams } from '@solidjs/router'
import { Match, Show, Switch, onMount } from 'solid-js'
import { t } from '../../lib/i18n.ts'
import { loadMe, me } from '../../lib/session.ts'
import { RequireRole } from '../../components/RequireRole.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { JobsPanel } from './JobsPanel.tsx'
import { StreamsPanel } from './StreamsPanel.tsx'

type Tab = 'jobs' | 'streams'

export default function Studio() {
  return (
    <RequireRole role="recruiter" denied={t('studio.onlyRecruiters')}>
      <StudioBody />
    </RequireRole>
  )
}

function StudioBody() {
  // Approval may have happened since sign-in: ask again.
  onMount(() => void loadMe())
  const [params, setParams] = useSearchParams<{ tab?: string }>()
  const tab = (): Tab => (params.tab === 'streams' ? 'streams' : 'jobs')
  const status = () => me()?.user.status
  const companyId = () => me()?.user.companyId ?? ''
  return (
    <main>
      <h1>{t('studio.title')}</h1>
      <p class="company">{me()?.company?.name}</p>
      <Switch>
        <Match when={status() === 'pending'}>
          <p class="notice warn" role="status">
            {t('studio.pending')}
          </p>
        </Match>
        <Match when={status() === 'suspended'}>
          <p class="notice warn" role="status">
            {t('studio.suspended')}
          </p>
        </Match>
      </Switch>
      <Tabs<Tab>
        label={t('studio.title')}
        items={[
          { value: 'jobs', label: t('studio.tabJobs') },
          { value: 'streams', label: t('studio.tabStreams') },
        ]}
        value={tab()}
        onChange={(v) => setParams({ tab: v === 'jobs' ? undefined : v }, { replace: true })}
      />
      <Show when={companyId()}>
        {(id) => (
          <Show when={tab() === 'jobs'} fallback={<StreamsPanel companyId={id()} canWrite={status() === 'approved'} />}>
            <JobsPanel companyId={id()} canWrite={status() === 'approved'} />
          </Show>
        )}
      </Show>
    </main>
  )
}
