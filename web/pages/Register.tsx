import { A } from '@solidjs/router'
import { Show, createSignal } from 'solid-js'
import { register } from '../lib/queries/accounts.ts'
import { createForm } from '../lib/form.ts'
import { t } from '../lib/i18n.ts'
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
            <h1>{t('auth.registerTitle')}</h1>
            <p>{t('auth.registerIntro')}</p>
            <form onSubmit={onSubmit} novalidate>
              <TextField form={form} name="companyName" label={t('auth.companyName')} autocomplete="organization" />
              <TextField form={form} name="name" label={t('auth.name')} autocomplete="name" />
              <TextField form={form} name="email" type="email" label={t('auth.email')} autocomplete="email" inputmode="email" />
              <TextField form={form} name="password" type="password" label={t('auth.password')} hint={t('auth.passwordHint')} autocomplete="new-password" />
              <FormActions form={form} label={t('auth.register')} busyLabel={t('auth.registering')} />
            </form>
            <p>
              <A href="/login">{t('auth.haveAccount')}</A>
            </p>
          </>
        }
      >
        {(company) => (
          <section class="notice" aria-live="polite">
            <h1>{t('auth.pendingTitle')}</h1>
            <p>{t('auth.pendingBody', { company: company() })}</p>
            <A href="/studio" class="button">
              {t('auth.toStudio')}
            </A>
          </section>
        )}
      </Show>
    </main>
  )
}
