import { api, call, type Fair } from '../../lib/api.ts'
import { createForm } from '../../lib/form.ts'
import { t } from '../../lib/i18n.ts'
import { checkFair } from '../../lib/validate.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { TextField } from '../../components/TextField.tsx'

const FIELDS = ['title', 'startsAt', 'endsAt', 'description']

export function FairForm(props: { onSaved: (fair: Fair) => void; onCancel: () => void }) {
  const form = createForm({ title: '', startsAt: '', endsAt: '', description: '' })
  const onSubmit = (e: SubmitEvent) => {
    const checked = checkFair(form.values)
    return form.submit(
      e,
      checked,
      async () => {
        const { fair } = await call(api.fairs.$post({ json: checked.body! }))
        props.onSaved(fair)
      },
      FIELDS,
    )
  }
  return (
    <form class="card form-card" onSubmit={onSubmit} novalidate>
      <h3>{t('admin.newFair')}</h3>
      <TextField form={form} name="title" label={t('admin.fairTitle')} placeholder={t('admin.fairTitlePh')} />
      <div class="pair-wide">
        <TextField form={form} name="startsAt" type="datetime-local" label={t('admin.startsAt')} />
        <TextField form={form} name="endsAt" type="datetime-local" label={t('admin.endsAt')} />
      </div>
      <TextField form={form} name="description" multiline label={t('common.optional', { label: t('admin.fairDescription') })} />
      <FormActions form={form} label={t('admin.createFair')} onCancel={props.onCancel} />
    </form>
  )
}
