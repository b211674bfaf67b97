import { For, Show, createSignal } from 'solid-js'
import { api, asFailure, call, type Job } from '../../lib/api.ts'
import { codeMsg, show, type Msg } from '../../lib/errors.ts'
import { t } from '../../lib/i18n.ts'
import { createPaged } from '../../lib/paged.ts'
import { FormError } from '../../components/FormError.tsx'
import { JobCard } from '../../components/JobCard.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { MoreButton } from '../../components/MoreButton.tsx'
import { JobForm } from './JobForm.tsx'

/** The company's jobs: post, edit, close. */
export function JobsPanel(props: { companyId: string; canWrite: boolean }) {
  const jobs = createPaged(
    () => props.companyId,
    (companyId, cursor) => call(api.jobs.$get({ query: { companyId, limit: '50', ...(cursor ? { cursor } : {}) } })),
  )
  const [editing, setEditing] = createSignal<string | 'new' | null>(null)
  const [working, setWorking] = createSignal<string | null>(null)
  const [problem, setProblem] = createSignal<Msg | null>(null)

  const replace = (job: Job) => jobs.setItems((list) => list.map((j) => (j.id === job.id ? { ...j, ...job } : j)))

  async function close(job: Job) {
    if (!confirm(t('studio.confirmClose', { title: job.title }))) return
    setWorking(job.id)
    setProblem(null)
    try {
      replace((await call(api.jobs[':id'].close.$post({ param: { id: job.id } }))).job)
    } catch (e) {
      setProblem(codeMsg(asFailure(e)))
    } finally {
      setWorking(null)
    }
  }

  return (
    <section>
      <Show
        when={editing() === 'new'}
        fallback={
          <button type="button" class="primary" disabled={!props.canWrite} onClick={() => setEditing('new')}>
            {t('studio.newJob')}
          </button>
        }
      >
        <JobForm
          onSaved={(job) => {
            jobs.setItems((list) => [{ ...job, company: null }, ...list])
            setEditing(null)
          }}
          onCancel={() => setEditing(null)}
        />
      </Show>
      <FormError message={show(problem())} />
      <div class="grid">
        <For each={jobs.items()}>
          {(job) => (
            <Show
              when={editing() === job.id}
              fallback={
                <JobCard job={job}>
                  <Show when={job.status === 'open' && props.canWrite}>
                    <div class="actions">
                      <button type="button" onClick={() => setEditing(job.id)} disabled={working() === job.id}>
                        {t('common.edit')}
                      </button>
                      <button type="button" onClick={() => close(job)} disabled={working() === job.id}>
                        {working() === job.id ? t('studio.working') : t('studio.closeJob')}
                      </button>
                    </div>
                  </Show>
                </JobCard>
              }
            >
              <JobForm
                job={job}
                onSaved={(saved) => {
                  replace(saved)
                  setEditing(null)
                }}
                onCancel={() => setEditing(null)}
              />
            </Show>
          )}
        </For>
      </div>
      <Show when={!jobs.loading() && !jobs.error() && jobs.items().length === 0}>
        <p class="empty">{t('studio.noJobs')}</p>
      </Show>
      <LoadState loading={jobs.loading()} error={jobs.error()} onRetry={jobs.reload} />
      <MoreButton next={jobs.next()} loading={jobs.loading()} onMore={jobs.more} />
    </section>
  )
}
