import { useSearchParams } from '@solidjs/router'
import { Match, Show, Switch, onMount } from 'solid-js'
import { wt } from '../../lib/staff-words.ts'
import { loadMe, me } from '../../lib/session.ts'
import { RequireRole } from '../../components/RequireRole.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { JobsPanel } from './JobsPanel.tsx'
import { StreamsPanel } from './StreamsPanel.tsx'
import { AssistantsPanel } from './AssistantsPanel.tsx'
import { CompanyPanel } from './CompanyPanel.tsx'
import { pt } from '../../lib/page-words.ts'

type Tab = 'jobs' | 'streams' | 'assistants' | 'company'

export default function Studio() {
  return (
    <RequireRole role={['recruiter', 'assistant']} denied={wt('studio.onlyRecruiters')}>
      <StudioBody />
    </RequireRole>
  )
}

function StudioBody() {
  // Approval may have happened since sign-in: ask again.
  onMount(() => void loadMe())
  const [params, setParams] = useSearchParams<{ tab?: string }>()
  // A 场控 assistant sees only the streams (to open the console); jobs and accounts are the recruiter's.
  const assistant = () => me()?.user.role === 'assistant'
  const tab = (): Tab => (assistant() ? 'streams' : params.tab === 'streams' || params.tab === 'assistants' || params.tab === 'company' ? params.tab : 'jobs')
  const status = () => me()?.user.status
  const canWrite = () => !assistant() && status() === 'approved'
  const companyId = () => me()?.user.companyId ?? ''
  return (
    <main>
      <h1>{wt('studio.title')}</h1>
      <p class="company">{me()?.company?.name}</p>
      <Switch>
        <Match when={status() === 'pending'}>
          <p class="notice warn" role="status">
            {wt('studio.pending')}
          </p>
        </Match>
        <Match when={status() === 'suspended'}>
          <p class="notice warn" role="status">
            {wt('studio.suspended')}
          </p>
        </Match>
      </Switch>
      <Show when={!assistant()}>
        <Tabs<Tab>
          label={wt('studio.title')}
          items={[
            { value: 'jobs', label: wt('studio.tabJobs') },
            { value: 'streams', label: wt('studio.tabStreams') },
            { value: 'assistants', label: wt('studio.tabAssistants') },
            { value: 'company', label: pt('co.title') },
          ]}
          value={tab()}
          onChange={(v) => setParams({ tab: v === 'jobs' ? undefined : v }, { replace: true })}
        />
      </Show>
      <Show when={companyId()}>
        {(id) => (
          <Switch>
            <Match when={tab() === 'jobs'}>
              <JobsPanel companyId={id()} canWrite={canWrite()} />
            </Match>
            <Match when={tab() === 'streams'}>
              <StreamsPanel companyId={id()} canWrite={canWrite()} />
            </Match>
            <Match when={tab() === 'assistants'}>
              <AssistantsPanel canWrite={canWrite()} />
            </Match>
            <Match when={tab() === 'company'}>
              <CompanyPanel canWrite={canWrite()} />
            </Match>
          </Switch>
        )}
      </Show>
    </main>
  )
}
