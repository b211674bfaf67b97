import { A } from '@solidjs/router'
import { Show, createSignal } from 'solid-js'
import { register } from '../lib/queries/accounts.ts'
import { createForm } from '../lib/form.ts'
import { wt } from '../lib/staff-words.ts'
import { loadMe } from '../lib/session.ts'
import { check } from '../lib/check.ts'
import { registerBody } from '../../schemas/accounts.ts'
import { FormActions } from '../components/FormActions.tsx'
import { TextField } from '../components/TextField.tsx'

const FIELDS = ['email', 'password', 'name', 'companyName'] as const

export default function Register() {
  const form = createForm({ email: '', password: '', name: '', companyName: '' }, (v) => check(registerBody, v))
  const [done, setDone] = createSignal<string | null>(null)
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(registerBody, form.values)
    return form.submit(
      e,
      checked,
      async () => {
        const res = await register(checked.body!)
        setDone(res.company?.name ?? checked.body!.companyName)
        void loadMe()
      },
      FIELDS,
    )
  }
  return (
    <main class="narrow">
      <Show
        when={done()}
        fallback={
          <>
            <h1>{wt('auth.registerTitle')}</h1>
            <p>{wt('auth.registerIntro')}</p>
            <form onSubmit={onSubmit} novalidate>
              <TextField form={form} name="companyName" label={wt('auth.companyName')} autocomplete="organization" />
              <TextField form={form} name="name" label={wt('auth.name')} autocomplete="name" />
              <TextField form={form} name="email" type="email" label={wt('auth.email')} autocomplete="email" inputmode="email" />
              <TextField form={form} name="password" type="password" label={wt('auth.password')} hint={wt('auth.passwordHint')} autocomplete="new-password" />
              <FormActions form={form} label={wt('auth.register')} busyLabel={wt('auth.registering')} />
            </form>
            <p>
              <A href="/login">{wt('auth.haveAccount')}</A>
            </p>
          </>
        }
      >
        {(company) => (
          <section class="notice" aria-live="polite">
            <h1>{wt('auth.pendingTitle')}</h1>
            <p>{wt('auth.pendingBody', { company: company() })}</p>
            <A href="/studio" class="button">
              {wt('auth.toStudio')}
            </A>
          </section>
        )}
      </Show>
    </main>
  )
}
