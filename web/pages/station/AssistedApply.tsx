import { For, Show, createEffect, createSignal, on } from 'solid-js'
import { asFailure, postApplication, type FairDetail } from '../../lib/api.ts'
import { check, numberOrEmpty } from '../../lib/check.ts'
import { msg } from '../../lib/errors.ts'
import { createForm } from '../../lib/form.ts'
import { formatPay } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { randomId } from '../../lib/ids.ts'
import { createLoad } from '../../lib/load.ts'
import { pt } from '../../lib/page-words.ts'
import { loadStream } from '../../lib/queries/streams.ts'
import { ConsentCheck, Field } from '../../components/Field.tsx'
import { FormActions } from '../../components/FormActions.tsx'
import { LoadState } from '../../components/LoadState.tsx'
import { PhoneField, TextField } from '../../components/TextField.tsx'
import TownSelect from '../../components/TownSelect.tsx'
import { applyBody } from '../../../schemas/applications.ts'

const FIELDS = ['jobId', 'name', 'phone', 'age', 'town', 'village', 'consent']
/** One villager's details: after each application they all go, so the next villager never sees them. */
const nobody = () => ({ name: '', phone: '', age: '', town: '', village: '', consent: false })

const bodyOf = (jobId: string, v: ReturnType<typeof nobody>) => {
  const age = numberOrEmpty(v.age)
  const town = v.town.trim()
  const village = v.village.trim()
  // No town picked: the server takes the station's own (the village then sits under it).
  return { jobId, name: v.name, phone: v.phone, consent: v.consent, ...(age !== undefined ? { age } : {}), ...(town ? { town } : {}), ...(village ? { village } : {}) }
}

/**
 * 代报名: the station applies for a villager sitting with it (the server credits the station).
 * The villager says yes to sharing their details (村民本人同意) each time; nothing is pre-filled.
 */
export function AssistedApply(props: { stream: FairDetail['streams'][number]; onFiled: () => void; onClose: () => void }) {
  const detail = createLoad(() => props.stream.id, loadStream)
  const open = () => (detail.data()?.jobs ?? []).filter((j) => j.status === 'open')
  const [jobId, setJobId] = createSignal('')
  const job = () => open().find((j) => j.id === jobId())
  const form = createForm(nobody(), (v) => check(applyBody, bodyOf(jobId(), v)))
  const [done, setDone] = createSignal<{ name: string; job: string } | null>(null)
  // The next villager starts typing: the last one's name leaves the screen too.
  createEffect(on(() => form.values.name, (name) => name && setDone(null), { defer: true }))
  const onSubmit = (e: SubmitEvent) => {
    const checked = check(applyBody, bodyOf(jobId(), form.values))
    if (!jobId()) checked.errors.jobId = msg('rule.value.invalid')
    return form.submit(
      e,
      checked,
      async () => {
        try {
          await postApplication(props.stream.id, randomId(24), checked.body!)
        } catch (err) {
          if (asFailure(err).code === 'ALREADY_APPLIED') return form.setErrors({ _form: { raw: pt('st.already') } })
          throw err
        }
        setDone({ name: checked.body!.name, job: job()?.title ?? '' })
        form.set(nobody())
        form.setErrors({})
        props.onFiled()
      },
      FIELDS,
    )
  }
  return (
    <section class="card form-card assisted" aria-labelledby="assist-title">
      <h2 id="assist-title">{pt('st.assistFor', { title: props.stream.title })}</h2>
      <Show when={done()}>
        {(d) => (
          <p class="notice ok station-done" role="status">
            {pt('st.done', { name: d().name, job: d().job })}
          </p>
        )}
      </Show>
      <Show when={detail.data()} fallback={<LoadState of={detail} />}>
        <form onSubmit={onSubmit} novalidate>
          <Field id="f-jobId" label={pt('st.job')} error={form.err('jobId')}>
            <select id="f-jobId" value={jobId()} onChange={(e) => setJobId(e.currentTarget.value)} aria-invalid={!!form.err('jobId')}>
              <option value="">{pt('st.pickJob')}</option>
              <For each={open()}>
                {(j) => (
                  <option value={j.id}>
                    {j.title} · {formatPay(j.pay)}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <TextField form={form} name="name" label={pt('st.name')} autocomplete="off" />
          <PhoneField form={form} autocomplete="off" label={pt('st.phone')} hint={pt('st.phoneHint')} />
          <TownSelect id="f-town" label={t('common.optional', { label: pt('st.place') })} value={form.values.town} onChange={(ref) => form.set('town', ref?.name ?? '')} error={form.err('town')} />
          <div class="pair-wide">
            <TextField form={form} name="village" autocomplete="off" label={t('common.optional', { label: t('apply.village') })} />
            <TextField form={form} name="age" inputmode="numeric" autocomplete="off" label={t('common.optional', { label: t('apply.age') })} />
          </div>
          <ConsentCheck form={form} label={pt('st.consent')} />
          <FormActions form={form} label={pt('st.submit')} busyLabel={pt('st.sending')} onCancel={props.onClose} />
        </form>
      </Show>
    </section>
  )
}

