import { Show, createSignal } from 'solid-js'
import type { Job } from '../../lib/api.ts'
import { closeJob, listCompanyJobs } from '../../lib/queries/jobs.ts'
import { createRowAction } from '../../lib/row-action.ts'
import { show } from '../../lib/errors.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { createPaged } from '../../lib/paged.ts'
import { FormError } from '../../components/FormError.tsx'
import { JobCard } from '../../components/JobCard.tsx'
import { Opener } from '../../components/Opener.tsx'
import { PagedGrid } from '../../components/PagedGrid.tsx'
import { JobForm } from './JobForm.tsx'

/** The company's jobs: post, edit, close. */
export function JobsPanel(props: { companyId: string; canWrite: boolean }) {
  const jobs = createPaged(
    () => props.companyId,
    (companyId, cursor) => listCompanyJobs(companyId, 50, cursor),
  )
  const [editing, setEditing] = createSignal<string | 'new' | null>(null)
  const action = createRowAction()

  const replace = (job: Job) => jobs.setItems((list) => list.map((j) => (j.id === job.id ? { ...j, ...job } : j)))

  function close(job: Job) {
    if (!confirm(wt('studio.confirmClose', { title: job.title }))) return
    return action.run(job.id, async () => replace((await closeJob(job.id)).job))
  }

  return (
    <section>
      <Opener label={wt('studio.newJob')} open={editing() === 'new'} onOpen={() => setEditing('new')} disabled={!props.canWrite}>
        <JobForm
          onSaved={(job) => {
            jobs.setItems((list) => [{ ...job, company: null }, ...list])
            setEditing(null)
          }}
          onCancel={() => setEditing(null)}
        />
      </Opener>
      <FormError message={show(action.problem())} />
      <PagedGrid list={jobs} empty={wt('studio.noJobs')}>
        {(job) => (
          <Show
            when={editing() === job.id}
            fallback={
              <JobCard job={job}>
                <Show when={job.status === 'open' && props.canWrite}>
                  <div class="actions">
                    <button type="button" onClick={() => setEditing(job.id)} disabled={action.busy(job.id)}>
                      {t('common.edit')}
                    </button>
                    <button type="button" onClick={() => close(job)} disabled={action.busy(job.id)}>
                      {action.busy(job.id) ? wt('studio.working') : wt('studio.closeJob')}
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
      </PagedGrid>
    </section>
  )
}
