import { createAssistant } from '../../lib/queries/assistants.ts'
import { createForm } from '../../lib/form.ts'
import { wt } from '../../lib/staff-words.ts'
import { check } from '../../lib/check.ts'
import { assistantBody } from '../../../schemas/assistants.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { TextField } from '../../components/TextField.tsx'

const FIELDS = ['email', 'password', 'name']
const empty = () => ({ email: '', password: '', name: '' })

/** Create a 场控 assistant account for the recruiter's company (the server's own schema checks it first). */
export function AssistantForm(props: { onCreated: () => void; onCancel: () => void }) {
  const form = createForm(empty(), (v) => check(assistantBody, v))
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(assistantBody, form.values)
    return form.submit(
      e,
      checked,
      async () => {
        await createAssistant(checked.body!)
        form.set(empty())
        props.onCreated()
      },
      FIELDS,
    )
  }
  return (
    <form class="card form-card" onSubmit={onSubmit} novalidate>
      <h3>{wt('assist.new')}</h3>
      <TextField form={form} name="name" label={wt('assist.name')} />
      <TextField form={form} name="email" type="email" label={wt('auth.email')} inputmode="email" autocomplete="off" />
      <TextField form={form} name="password" type="password" label={wt('auth.password')} hint={wt('auth.passwordHint')} autocomplete="new-password" />
      <FormActions form={form} label={wt('assist.create')} onCancel={props.onCancel} />
    </form>
  )
}
