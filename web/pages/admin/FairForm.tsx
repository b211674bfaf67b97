import type { Fair } from '../../lib/api.ts'
import { createFair } from '../../lib/queries/fairs.ts'
import { createForm } from '../../lib/form.ts'
import { t } from '../../lib/i18n.ts'
import { wt } from '../../lib/staff-words.ts'
import { check } from '../../lib/check.ts'
import { localToIso } from '../../lib/time.ts'
import { fairCreateBody } from '../../../schemas/fairs.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { TextField } from '../../components/TextField.tsx'

const FIELDS = ['title', 'startsAt', 'endsAt', 'description']

type FairValues = { title: string; startsAt: string; endsAt: string; description: string }

// An empty or half-typed date box is no date: the schema says 请选择日期和时间.
const checkFair = ({ title, startsAt, endsAt, description }: FairValues) =>
  check(fairCreateBody, { title, startsAt: localToIso(startsAt) ?? '', endsAt: localToIso(endsAt) ?? '', ...(description.trim() ? { description } : {}) })

export function FairForm(props: { onSaved: (fair: Fair) => void; onCancel: () => void }) {
  const form = createForm<FairValues>({ title: '', startsAt: '', endsAt: '', description: '' }, checkFair)
  const onSubmit = (e: SubmitEvent) => {
    const checked = checkFair(form.values)
    return form.submit(
      e,
      checked,
      async () => {
        const { fair } = await createFair(checked.body!)
        props.onSaved(fair)
      },
      FIELDS,
    )
  }
  return (
    <form class="card form-card" onSubmit={onSubmit} novalidate>
      <h3>{wt('admin.newFair')}</h3>
      <TextField form={form} name="title" label={wt('admin.fairTitle')} placeholder={wt('admin.fairTitlePh')} />
      <div class="pair-wide">
        <TextField form={form} name="startsAt" type="datetime-local" label={wt('admin.startsAt')} />
        <TextField form={form} name="endsAt" type="datetime-local" label={wt('admin.endsAt')} />
      </div>
      <TextField form={form} name="description" multiline label={t('common.optional', { label: wt('admin.fairDescription') })} />
      <FormActions form={form} label={wt('admin.createFair')} onCancel={props.onCancel} />
    </form>
  )
}
