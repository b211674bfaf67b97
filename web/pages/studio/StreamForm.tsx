import { For, Show } from 'solid-js'
import type { Stream } from '../../lib/api.ts'
import { createLoad } from '../../lib/load.ts'
import { listCompanyJobs } from '../../lib/queries/jobs.ts'
import { listFairs } from '../../lib/queries/fairs.ts'
import { createStream, updateStream } from '../../lib/queries/streams.ts'
import { createForm } from '../../lib/form.ts'
import { formatWhen } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { isoToLocal, localToIso } from '../../lib/time.ts'
import { check, withoutNulls } from '../../lib/check.ts'
import { ruleMsg } from '../../lib/errors.ts'
import { scheduleProblem, streamCreateBody } from '../../../schemas/streams.ts'
import { Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { JobPicker } from '../../components/JobPicker.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { TextField } from '../../components/TextField.tsx'

const FIELDS = ['title', 'scheduledAt', 'jobIds', 'fairId', 'description']

/** Schedule a stream, or edit one when `stream` is given. */
export function StreamForm(props: { companyId: string; stream?: Stream; onSaved: (s: Stream) => void; onCancel: () => void }) {
  const original = props.stream
  const initial = {
    title: original?.title ?? '',
    when: original ? isoToLocal(original.scheduledAt) : '',
    jobIds: [...(original?.jobIds ?? [])],
    fairId: original?.fairId ?? '',
    description: original?.description ?? '',
  }
  /** The body the boxes stand for, checked as the server will. */
  const checkValues = (v: typeof initial) => {
    const body = { title: v.title, scheduledAt: localToIso(v.when) ?? '', jobIds: v.jobIds, fairId: v.fairId || null, description: v.description.trim() || null }
    const checked = check(streamCreateBody, withoutNulls(body))
    // Like the server, the time window applies only to a new or changed time (a live stream keeps its own).
    const timeChanged = !original || v.when !== isoToLocal(original.scheduledAt)
    const tooSoonOrLate = checked.body && timeChanged ? scheduleProblem(checked.body.scheduledAt, new Date()) : null
    if (tooSoonOrLate) checked.errors.scheduledAt = ruleMsg(tooSoonOrLate)
    return { ...checked, body, parsed: checked.body }
  }
  const form = createForm(initial, checkValues)
  // Open jobs can be attached; jobs already on the stream stay listed so they can be removed.
  const jobs = createLoad(
    () => props.companyId,
    async (companyId) => {
      const page = await listCompanyJobs(companyId, 100)
      return page.items.filter((j) => j.status === 'open' || original?.jobIds.includes(j.id))
    },
  )
  const fairs = createLoad(
    () => true,
    async () => {
      const page = await listFairs(100)
      return page.items.filter((f) => Date.parse(f.endsAt) > Date.now() || f.id === original?.fairId)
    },
  )

  const onSubmit = (e: SubmitEvent) => {
    const checked = checkValues(form.values)
    const body = checked.body
    return form.submit(
      e,
      checked,
      async () => {
        const parsed = checked.parsed!
        const res = original
          ? await updateStream(original.id, { fairId: body.fairId, description: body.description, ...parsed })
          : await createStream(parsed)
        props.onSaved(res.stream)
      },
      FIELDS,
    )
  }

  return (
    <form class="card form-card" onSubmit={onSubmit} novalidate>
      <h3>{original ? wt('studio.editStream') : wt('studio.newStream')}</h3>
      <TextField form={form} name="title" label={wt('streamForm.title')} placeholder={wt('streamForm.titlePh')} />
      <TextField form={form} name="when" errorKey="scheduledAt" type="datetime-local" label={wt('streamForm.when')} hint={form.values.when ? formatWhen(new Date(form.values.when).toISOString()) : undefined} />
      <Show when={jobs.data()} fallback={<LoadState of={jobs} />}>
        {(list) => <JobPicker jobs={list()} selected={form.values.jobIds} onChange={(ids) => form.set('jobIds', ids)} error={form.err('jobIds')} />}
      </Show>
      <Field id="f-fairId" label={t('common.optional', { label: wt('streamForm.fair') })} error={form.err('fairId')}>
        <select id="f-fairId" onChange={(e) => form.set('fairId', e.currentTarget.value)}>
          <option value="" selected={!form.values.fairId}>
            {wt('streamForm.noFair')}
          </option>
          <For each={fairs.data() ?? []}>
            {(f) => (
              <option value={f.id} selected={f.id === form.values.fairId}>
                {f.title}
              </option>
            )}
          </For>
        </select>
      </Field>
      <TextField form={form} name="description" multiline label={t('common.optional', { label: wt('streamForm.description') })} />
      <FormActions form={form} label={original ? t('common.save') : wt('streamForm.submitNew')} onCancel={props.onCancel} />
    </form>
  )
}
