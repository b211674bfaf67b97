import type { Job, PayUnit } from '../../lib/api.ts'
import { createJob, updateJob } from '../../lib/queries/jobs.ts'
import { createForm } from '../../lib/form.ts'
import { formatPay } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { check, numberOrEmpty, withoutNulls } from '../../lib/check.ts'
import { jobCreateBody } from '../../../schemas/jobs.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { PayUnitPicker } from '../../components/PayUnitPicker.tsx'
import { TagPicker } from '../../components/TagPicker.tsx'
import { TextField } from '../../components/TextField.tsx'

const FIELDS = ['title', 'pay.min', 'pay.max', 'pay.unit', 'headcount', 'location.town', 'location.address', 'tags', 'ageMin', 'ageMax', 'description']
const str = (n: number | undefined) => (n === undefined ? '' : String(n))

type JobValues = {
  title: string
  payMin: string
  payMax: string
  unit: PayUnit
  headcount: string
  town: string
  address: string
  tags: string[]
  ageMin: string
  ageMax: string
  description: string
}

/** The body the boxes stand for; a box left empty is null (PATCH removes it, POST leaves it out). */
function bodyOf(v: JobValues) {
  const address = v.address.trim()
  return {
    title: v.title,
    pay: { min: numberOrEmpty(v.payMin), max: numberOrEmpty(v.payMax), unit: v.unit },
    headcount: numberOrEmpty(v.headcount),
    location: { town: v.town, ...(address ? { address } : {}) },
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
          ? await updateJob(props.job.id, { ageMin: body.ageMin, ageMax: body.ageMax, description: body.description, ...parsed })
          : await createJob(parsed)
        props.onSaved(res.job)
      },
      FIELDS,
    )
  }
  return (
    <form class="card form-card" onSubmit={onSubmit} novalidate>
      <h3>{props.job ? t('studio.editJob') : t('studio.newJob')}</h3>
      <TextField form={form} name="title" label={t('jobForm.title')} placeholder={t('jobForm.titlePh')} />
      <PayUnitPicker value={form.values.unit} onChange={(u) => form.set('unit', u)} />
      <div class="pair">
        <TextField form={form} name="payMin" errorKey="pay.min" label={`${t('jobForm.pay')} · ${t('jobForm.payMin')}`} inputmode="decimal" />
        <TextField form={form} name="payMax" errorKey="pay.max" label={`${t('jobForm.pay')} · ${t('jobForm.payMax')}`} inputmode="decimal" />
      </div>
      <p class="pay" aria-live="polite">
        {preview()}
      </p>
      <TextField form={form} name="headcount" label={t('jobForm.headcount')} inputmode="numeric" />
      <TextField form={form} name="town" errorKey="location.town" label={t('jobForm.town')} placeholder={t('jobForm.townPh')} />
      <TextField form={form} name="address" errorKey="location.address" label={t('common.optional', { label: t('jobForm.address') })} />
      <TagPicker id="f-tags" tags={form.values.tags} onChange={(tags) => form.set('tags', tags)} error={form.err('tags')} />
      <div class="pair">
        <TextField form={form} name="ageMin" label={t('common.optional', { label: t('jobForm.ageMin') })} inputmode="numeric" />
        <TextField form={form} name="ageMax" label={t('common.optional', { label: t('jobForm.ageMax') })} inputmode="numeric" />
      </div>
      <TextField form={form} name="description" multiline label={t('common.optional', { label: t('jobForm.description') })} placeholder={t('jobForm.descriptionPh')} />
      <FormActions form={form} label={props.job ? t('common.save') : t('jobForm.submitNew')} onCancel={props.onCancel} />
    </form>
  )
}
