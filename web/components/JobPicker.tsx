import { For, Show } from 'solid-js'
import type { Job } from '../lib/api.ts'
import { formatPay } from '../lib/format.ts'
import { wt } from '../lib/staff-words.ts'
import { FieldGroup } from './Field.tsx'

/** Checkboxes for the jobs a stream presents. */
export function JobPicker(props: { jobs: Job[]; selected: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const toggle = (id: string, on: boolean) => props.onChange(on ? [...props.selected, id] : props.selected.filter((x) => x !== id))
  return (
    <FieldGroup legend={wt('streamForm.jobs')} error={props.error}>
      <Show when={props.jobs.length} fallback={<p class="notice warn">{wt('studio.needOpenJob')}</p>}>
        <div class="checks">
          <For each={props.jobs}>
            {(job) => (
              <label class="check">
                <input
                  type="checkbox"
                  name="jobIds"
                  value={job.id}
                  checked={props.selected.includes(job.id)}
                  onChange={(e) => toggle(job.id, e.currentTarget.checked)}
                  aria-invalid={!!props.error}
                />
                <span>
                  {job.title} <span class="pay-inline">{formatPay(job.pay)}</span>
                </span>
              </label>
            )}
          </For>
        </div>
      </Show>
    </FieldGroup>
  )
}
