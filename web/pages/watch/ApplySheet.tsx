import { Match, Show, Suspense, Switch, createEffect, createSignal, lazy, on, onCleanup } from 'solid-js'
import type { ApplyBody, Job } from '../../lib/api.ts'
import { msg, toErrors, type Errors } from '../../lib/errors.ts'
import { numberOrEmpty } from '../../lib/check.ts'
import { createForm } from '../../lib/form.ts'
import { formatPay } from '../../lib/format.ts'
import { t } from '../../lib/i18n.ts'
import { viewerId } from '../../lib/ids.ts'
import { loadProfile, markSeen, pendingKey, saveProfile, submitApplication, tracked } from '../../lib/outbox.ts'
import { FormError } from '../../components/FormError.tsx'
import { Sheet } from '../../components/Sheet.tsx'
import { PhoneField, TextField } from '../../components/TextField.tsx'
import { ConsentCheck } from '../../components/Field.tsx'
import { home } from '../../lib/home-place.ts'

// The town comes from the gazetteer, which loads with the picker when a sheet opens (not in the first load).
const TownSelect = lazy(() => import('../../components/TownSelect.tsx'))

const FIELDS = ['name', 'phone', 'age', 'town', 'village', 'consent'] as const

type ApplyValues = { name: string; phone: string; age: string; town: string; village: string; consent: boolean }
type Checked = { errors: Errors; body: ApplyBody | null }

/** What the boxes say, as the body; the schema trims, normalizes the phone and refuses. */
function candidateOf(jobId: string, v: ApplyValues) {
  const age = numberOrEmpty(v.age)
  const town = v.town.trim()
  const village = v.village.trim()
  return { jobId, name: v.name, phone: v.phone, consent: v.consent, ...(age !== undefined ? { age } : {}), ...(town ? { town } : {}), ...(village ? { village } : {}) }
}

// zod is not in the viewer's first load: the check loads when the sheet opens. If it cannot
// load (a weak network), the form sends what was typed and shows the server's refusal instead.
const loadCheck = () =>
  import('../../lib/apply-check.ts').then(
    (m) => (c: unknown) => m.checkApply(c) as Checked,
    () => (c: unknown): Checked => ({ errors: {}, body: c as ApplyBody }),
  )

/**
 * What was typed into a sheet closed before sending (the back gesture, ×): the next sheet starts
 * from it, so a slip of the thumb loses nothing. Kept in memory only: a phone number typed but never
 * sent is not written to the device.
 */
let draft: Omit<ApplyValues, 'consent'> | null = null

/** Name, phone, consent, done: the application goes to the outbox and is retried until acknowledged. */
export function ApplySheet(props: { streamId: string; company: string; job: Job | null; onClose: () => void }) {
  return (
    <Sheet open={!!props.job} title={t('apply.title', { job: props.job?.title ?? '' })} onClose={props.onClose}>
      <Show when={props.job} keyed>
        {(job) => <ApplyForm streamId={props.streamId} company={props.company} job={job} onClose={props.onClose} />}
      </Show>
    </Sheet>
  )
}

function ApplyForm(props: { streamId: string; company: string; job: Job; onClose: () => void }) {
  const last = loadProfile()
  // The town: the last application's, else the home picked for 「离您约…公里」 (a gazetteer town only).
  const homeTown = () => (home()?.townCode ? home()!.name : '')
  const form = createForm(
    draft ? { ...draft, consent: false } : { name: last?.name ?? '', phone: last?.phone ?? '', age: last?.age ? String(last.age) : '', town: last?.town || homeTown(), village: last?.village ?? '', consent: false },
  )
  onCleanup(() => {
    const { name, phone, age, town, village } = form.values
    draft = key() ? null : { name, phone, age, town, village } // sent: the saved profile takes over
  })
  const checker = loadCheck()
  let checkApply: ((c: unknown) => Checked) | null = null
  void checker.then((f) => (checkApply = f))
  const checkForm = (f: (c: unknown) => Checked) => f(candidateOf(props.job.id, form.values))
  // Reopened while an earlier try for this job is still retrying: show that one, do not start another.
  const [key, setKey] = createSignal<string | null>(pendingKey(props.streamId, props.job.id))
  if (key()) markSeen(key()!)
  const [tried, setTried] = createSignal(false)
  const outcome = () => {
    const k = key()
    return k ? tracked[k]?.outcome : undefined
  }
  const state = () => outcome()?.state

  // After the first try, messages follow the typing: a fixed field loses its message at once.
  createEffect(
    on(
      () => [form.values.name, form.values.phone, form.values.age, form.values.town, form.values.village, form.values.consent],
      () => {
        if (tried() && !key() && checkApply) form.setErrors(checkForm(checkApply).errors)
      },
      { defer: true },
    ),
  )
  // A refusal (a field the server did not like) comes back to the form, next to its field.
  createEffect(
    on(outcome, (o) => {
      if (o?.state !== 'rejected') return
      const closed = o.failure.code === 'INVALID_STATE'
      form.setErrors(closed ? { _form: msg('apply.closed') } : toErrors(o.failure, FIELDS))
      setKey(null)
    }),
  )
  createEffect(on(state, (s) => (s === 'done' || s === 'already') && markSeen(key()!)))
  // Closed while still retrying: the page shows the retry notice and, later, the result.
  onCleanup(() => {
    const k = key()
    if (k && (state() === 'waiting' || state() === 'sending')) markSeen(k, false)
  })

  let checking = false
  async function onSubmit(e: SubmitEvent) {
    e.preventDefault()
    if (key() || checking) return
    const el = e.currentTarget as HTMLFormElement
    setTried(true)
    checking = true
    const checked = checkForm(checkApply ?? (await checker))
    checking = false
    form.setErrors(checked.errors)
    if (!checked.body) return queueMicrotask(() => el.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
    const { name, phone, age, town, village } = checked.body
    saveProfile({ name, phone, age, town, village })
    setKey(submitApplication(props.streamId, { ...checked.body, viewerId: viewerId() }, { job: props.job.title, company: props.company }))
  }

  return (
    <Switch>
      <Match when={state() === 'done'}>
        <Result ok title={t('apply.done')} hint={t('apply.doneHint', { phone: form.values.phone })} onClose={props.onClose} />
      </Match>
      <Match when={state() === 'already'}>
        <Result ok title={t('apply.already')} hint={t('apply.alreadyHint')} onClose={props.onClose} />
      </Match>
      <Match when={state() === 'waiting'}>
        <Result title={t('apply.retrying')} hint={t('apply.retryingHint')} onClose={props.onClose} busy />
      </Match>
      <Match when={true}>
        <form class="apply-form" onSubmit={onSubmit} novalidate>
          <p class="apply-job">
            <span class="pay-inline">{formatPay(props.job.pay)}</span> · {props.job.location.town}
          </p>
          <TextField form={form} name="name" label={t('apply.name')} autocomplete="name" />
          <PhoneField form={form} label={t('apply.phone')} hint={t('apply.phoneHint')} />
          <Suspense>
            <TownSelect id="f-town" label={t('common.optional', { label: t('apply.place') })} value={form.values.town} onChange={(ref) => form.set('town', ref?.name ?? '')} error={form.err('town')} />
          </Suspense>
          <div class="pair-wide">
            <TextField form={form} name="village" label={t('common.optional', { label: t('apply.village') })} />
            <TextField form={form} name="age" inputmode="numeric" label={t('common.optional', { label: t('apply.age') })} />
          </div>
          <ConsentCheck form={form} label={t('apply.consent', { company: props.company })} />
          {/* In the sticky bar, right above the button: a refusal (这个岗位已经停止招聘了) is never drawn under it. */}
          <div class="submit-bar">
            <FormError message={form.err('_form')} />
            <button type="submit" class="primary big" disabled={state() === 'sending'} aria-busy={state() === 'sending'}>
              <Show when={state() === 'sending'} fallback={t('apply.submit')}>
                <span class="spinner" aria-hidden="true" />
                {t('apply.sending')}
              </Show>
            </button>
          </div>
        </form>
      </Match>
    </Switch>
  )
}

function Result(props: { title: string; hint: string; ok?: boolean; busy?: boolean; onClose: () => void }) {
  return (
    <div class="apply-result" classList={{ ok: props.ok }} role="status">
      <p class="apply-result-title">
        <Show when={props.busy} fallback={<span aria-hidden="true">{props.ok ? '✓ ' : ''}</span>}>
          <span class="spinner dark" aria-hidden="true" />
        </Show>
        {props.title}
      </p>
      <p>{props.hint}</p>
      <button type="button" class="primary big" onClick={() => props.onClose()}>
        {t('apply.ok')}
      </button>
    </div>
  )
}
