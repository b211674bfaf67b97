import { Show } from 'solid-js'
import type { Job, PayUnit } from '../../lib/api.ts'
import { createJob, updateJob } from '../../lib/queries/jobs.ts'
import { createForm } from '../../lib/form.ts'
import { formatPay } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { pt } from '../../lib/page-words.ts'
import { check, numberOrEmpty, withoutNulls } from '../../lib/check.ts'
import { jobCreateBody } from '../../../schemas/jobs.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { PayUnitPicker } from '../../components/PayUnitPicker.tsx'
import { TagPicker } from '../../components/TagPicker.tsx'
import { TextField } from '../../components/TextField.tsx'
import TownSelect from '../../components/TownSelect.tsx'
import { takesDailyOutput } from '../../../schemas/take-home.ts'
import { takeHomeWords } from '../../lib/job-words.ts'

const FIELDS = ['title', 'pay.min', 'pay.max', 'pay.unit', 'headcount', 'location.town', 'location.address', 'location.shuttle', 'dailyOutput', 'tags', 'ageMin', 'ageMax', 'description']
const str = (n: number | undefined) => (n === undefined ? '' : String(n))

type JobValues = {
  title: string
  payMin: string
  payMax: string
  unit: PayUnit
  headcount: string
  town: string
  address: string
  shuttle: string
  dailyOutput: string
  tags: string[]
  ageMin: string
  ageMax: string
  description: string
}

/** The body the boxes stand for; a box left empty is null (PATCH removes it, POST leaves it out). */
function bodyOf(v: JobValues) {
  const address = v.address.trim()
  const shuttle = v.shuttle.trim()
  return {
    title: v.title,
    pay: { min: numberOrEmpty(v.payMin), max: numberOrEmpty(v.payMax), unit: v.unit },
    headcount: numberOrEmpty(v.headcount),
    location: { town: v.town, ...(address ? { address } : {}), ...(shuttle ? { shuttle } : {}) },
    // Only piece and hour pay have one (schemas/take-home.ts); switching to monthly pay drops it.
    dailyOutput: takesDailyOutput(v.unit) ? numberOrEmpty(v.dailyOutput) ?? null : null,
    tags: v.tags,
    ageMin: numberOrEmpty(v.ageMin) ?? null,
    ageMax: numberOrEmpty(v.ageMax) ?? null,
    description: v.description.trim() || null,
  }
}

function valuesOf(job?: Job): JobValues {
  return {
    title: job?.title ?? '',
    payMin: str(job?.pay.min),
    payMax: str(job?.pay.max),
    unit: job?.pay.unit ?? 'month',
    headcount: str(job?.headcount),
    town: job?.location.town ?? '',
    address: job?.location.address ?? '',
    shuttle: job?.location.shuttle ?? '',
    dailyOutput: str(job?.dailyOutput),
    tags: [...(job?.tags ?? [])],
    ageMin: str(job?.ageMin),
    ageMax: str(job?.ageMax),
    description: job?.description ?? '',
  }
}

/** Create a job, or edit one when `job` is given. */
export function JobForm(props: { job?: Job; onSaved: (job: Job) => void; onCancel: () => void }) {
  const form = createForm(valuesOf(props.job), (v) => check(jobCreateBody, withoutNulls(bodyOf(v))))
  const preview = () => {
    const min = Number(form.values.payMin)
    const max = Number(form.values.payMax || form.values.payMin)
    return form.values.payMin && Number.isFinite(min) && Number.isFinite(max) && min <= max ? formatPay({ min, max, unit: form.values.unit }) : ''
  }
  const estimate = () => {
    const max = Number(form.values.payMax || form.values.payMin)
    const output = Number(form.values.dailyOutput)
    return form.values.dailyOutput && Number.isFinite(max) && output > 0 ? takeHomeWords({ pay: { min: max, max, unit: form.values.unit }, dailyOutput: output }) ?? '' : ''
  }
  const onSubmit = (e: SubmitEvent) => {
    const body = bodyOf(form.values)
    const checked = check(jobCreateBody, withoutNulls(body))
    return form.submit(
      e,
      checked,
      async () => {
        // An edit also clears what was emptied: the parsed body with nulls for the empty boxes.
        const parsed = checked.body!
        const res = props.job
          ? await updateJob(props.job.id, { ageMin: body.ageMin, ageMax: body.ageMax, description: body.description, dailyOutput: body.dailyOutput, ...parsed })
          : await createJob(parsed)
        props.onSaved(res.job)
      },
      FIELDS,
    )
  }
  return (
    <form class="card form-card" onSubmit={onSubmit} novalidate>
      <h3>{props.job ? wt('studio.editJob') : wt('studio.newJob')}</h3>
      <TextField form={form} name="title" label={wt('jobForm.title')} placeholder={wt('jobForm.titlePh')} />
      <PayUnitPicker value={form.values.unit} onChange={(u) => form.set('unit', u)} />
      <div class="pair">
        <TextField form={form} name="payMin" errorKey="pay.min" label={`${wt('jobForm.pay')} · ${wt('jobForm.payMin')}`} inputmode="decimal" />
        <TextField form={form} name="payMax" errorKey="pay.max" label={`${wt('jobForm.pay')} · ${wt('jobForm.payMax')}`} inputmode="decimal" />
      </div>
      <p class="pay" aria-live="polite">
        {preview()}
      </p>
      <Show when={takesDailyOutput(form.values.unit) && form.values.unit}>
        {(unit) => (
          <>
            <TextField form={form} name="dailyOutput" label={t('common.optional', { label: pt(`jobForm.dailyOutput.${unit() as 'piece' | 'hour'}`) })} hint={pt('jobForm.dailyOutputHint')} inputmode="decimal" />
            <p class="take-home" aria-live="polite">
              {estimate()}
            </p>
          </>
        )}
      </Show>
      <TextField form={form} name="headcount" label={wt('jobForm.headcount')} inputmode="numeric" />
      <TownSelect id="f-town" label={pt('jobForm.place')} value={form.values.town} onChange={(ref) => form.set('town', ref?.name ?? '')} error={form.err('location.town')} />
      <TextField form={form} name="address" errorKey="location.address" label={t('common.optional', { label: wt('jobForm.address') })} />
      <TextField form={form} name="shuttle" errorKey="location.shuttle" label={t('common.optional', { label: pt('jobForm.shuttle') })} placeholder={pt('jobForm.shuttlePh')} />
      <TagPicker id="f-tags" tags={form.values.tags} onChange={(tags) => form.set('tags', tags)} error={form.err('tags')} />
      <div class="pair">
        <TextField form={form} name="ageMin" label={t('common.optional', { label: wt('jobForm.ageMin') })} inputmode="numeric" />
        <TextField form={form} name="ageMax" label={t('common.optional', { label: wt('jobForm.ageMax') })} inputmode="numeric" />
      </div>
      <TextField form={form} name="description" multiline label={t('common.optional', { label: wt('jobForm.description') })} placeholder={wt('jobForm.descriptionPh')} />
      <FormActions form={form} label={props.job ? t('common.save') : wt('jobForm.submitNew')} onCancel={props.onCancel} />
    </form>
  )
}
