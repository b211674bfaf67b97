import { Show, createEffect, createSignal, on } from 'solid-js'
import { check } from '../../lib/check.ts'
import { createForm } from '../../lib/form.ts'
import { createLoad } from '../../lib/load.ts'
import { pt } from '../../lib/page-words.ts'
import { loadCompany, updateCompany } from '../../lib/queries/company.ts'
import { FormActions } from '../../components/FormActions.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { TextField } from '../../components/TextField.tsx'
import { companyPatchBody } from '../../../schemas/company.ts'

// An empty box removes the phone.
const bodyOf = (v: { hiringPhone: string }) => ({ hiringPhone: v.hiringPhone.trim() === '' ? null : v.hiringPhone })

/** The company's 招聘电话: shown to its applicants in 我的报名 (one tap to call), nowhere public. */
export function CompanyPanel(props: { canWrite: boolean }) {
  const company = createLoad(() => true as const, loadCompany)
  const form = createForm({ hiringPhone: '' }, (v) => check(companyPatchBody, bodyOf(v)))
  const [saved, setSaved] = createSignal(false)
  createEffect(on(() => company.data(), (d) => d && form.set({ hiringPhone: d.company.hiringPhone ?? '' })))
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(companyPatchBody, bodyOf(form.values))
    setSaved(false)
    return form.submit(
      e,
      checked,
      async () => {
        const next = await updateCompany(checked.body!)
        company.mutate(() => next)
        setSaved(true)
      },
      ['hiringPhone'],
    )
  }
  return (
    <section aria-labelledby="company-title">
      <h2 id="company-title">{pt('co.title')}</h2>
      <p class="muted">{pt('co.intro')}</p>
      <Show when={company.data()} fallback={<LoadState of={company} />}>
        <form class="card form-card" onSubmit={onSubmit} novalidate>
          <TextField form={form} name="hiringPhone" type="tel" inputmode="tel" label={pt('co.phone')} hint={pt('co.phoneHint')} />
          <Show when={saved()}>
            <p class="notice ok" role="status">
              {pt('co.saved')}
            </p>
          </Show>
          <Show when={props.canWrite}>
            <FormActions form={form} label={pt('co.save')} />
          </Show>
        </form>
      </Show>
    </section>
  )
}
