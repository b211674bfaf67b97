import { Show, createSignal } from 'solid-js'
import { createStation } from '../../lib/queries/accounts.ts'
import { createForm } from '../../lib/form.ts'
import { wt } from '../../lib/staff-words.ts'
import { check } from '../../lib/check.ts'
import { stationBody } from '../../../schemas/accounts.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { TextField } from '../../components/TextField.tsx'
import TownSelect from '../../components/TownSelect.tsx'

const FIELDS = ['email', 'password', 'name', 'town']
const empty = () => ({ email: '', password: '', name: '', town: '' })

/** Create a village service station account (一村一站). */
export function StationForm(props: { onCreated: () => void }) {
  const form = createForm(empty(), (v) => check(stationBody, v))
  const [created, setCreated] = createSignal<{ name: string; email: string } | null>(null)
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(stationBody, form.values)
    setCreated(null)
    return form.submit(
      e,
      checked,
      async () => {
        const { user } = await createStation(checked.body!)
        setCreated({ name: user.name, email: user.email })
        form.set(empty())
        props.onCreated()
      },
      FIELDS,
    )
  }
  return (
    <form class="card form-card" onSubmit={onSubmit} novalidate>
      <h3>{wt('admin.newStation')}</h3>
      <p>{wt('admin.stationIntro')}</p>
      <TextField form={form} name="name" label={wt('admin.stationName')} />
      <TownSelect id="f-town" label={wt('admin.town')} value={form.values.town} onChange={(ref) => form.set('town', ref?.name ?? '')} error={form.err('town')} />
      <TextField form={form} name="email" type="email" label={wt('auth.email')} inputmode="email" autocomplete="off" />
      <TextField form={form} name="password" type="password" label={wt('auth.password')} hint={wt('auth.passwordHint')} autocomplete="new-password" />
      <Show when={created()}>
        {(c) => (
          <p class="notice ok" role="status">
            {wt('admin.stationCreated', c())}
          </p>
        )}
      </Show>
      <FormActions form={form} label={wt('admin.createStation')} />
    </form>
  )
}
