import { A, useNavigate } from '@solidjs/router'
import { login } from '../lib/queries/accounts.ts'
import { createForm } from '../lib/form.ts'
import { wt } from '../lib/staff-words.ts'
import { homeOf, loadMe } from '../lib/session.ts'
import { check } from '../lib/check.ts'
import { loginBody } from '../../schemas/accounts.ts'
import { FormActions } from '../components/FormActions.tsx'
import { TextField } from '../components/TextField.tsx'

export default function Login() {
  const navigate = useNavigate()
  const form = createForm({ email: '', password: '' }, (v) => check(loginBody, v))
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(loginBody, form.values)
    return form.submit(
      e,
      checked,
      async () => {
        const { user } = await login(checked.body!)
        await loadMe()
        navigate(homeOf(user.role), { replace: true })
      },
      ['email', 'password'],
    )
  }
  return (
    <main class="narrow">
      <h1>{wt('auth.loginTitle')}</h1>
      <form onSubmit={onSubmit} novalidate>
        <TextField form={form} name="email" type="email" label={wt('auth.email')} autocomplete="username" inputmode="email" />
        <TextField form={form} name="password" type="password" label={wt('auth.password')} autocomplete="current-password" />
        <FormActions form={form} label={wt('auth.login')} busyLabel={wt('auth.loggingIn')} />
      </form>
      <p>
        <A href="/register">{wt('auth.noAccount')}</A>
      </p>
    </main>
  )
}
