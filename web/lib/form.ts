import { createEffect, createSignal, untrack } from 'solid-js'
import { createStore, type SetStoreFunction } from 'solid-js/store'
import { asFailure } from './api.ts'
import { show, toErrors, type Errors } from './errors.ts'

export type Form<V extends object> = {
  values: V
  set: SetStoreFunction<V>
  errors: () => Errors
  setErrors: (e: Errors) => void
  /** The localized error for a field ('' if none). */
  err: (field: string) => string
  busy: () => boolean
  /**
   * Shows client-side errors (and focuses the first bad field) or runs `send`;
   * a server failure is spread over the fields in `shown` plus a form message.
   */
  submit: (e: SubmitEvent, checked: { errors: Errors }, send: () => Promise<void>, shown: readonly string[], alias?: Record<string, string>) => Promise<void>
}

/**
 * `recheck`: the form's own check of its values (as the submit uses). Given, a message the check
 * put on a field goes away as soon as typing makes that field valid, instead of staying until the
 * next submit; new problems still wait for the submit. Call inside a component.
 */
export function createForm<V extends object>(initial: V, recheck?: (values: V) => { errors: Errors }): Form<V> {
  const [values, set] = createStore<V>(initial)
  const [errors, setErrors] = createSignal<Errors>({})
  // The fields whose message came from the check (not the server): those may clear themselves.
  const [checkedShown, setCheckedShown] = createSignal<readonly string[]>([])
  if (recheck)
    createEffect(() => {
      const shown = checkedShown()
      if (!shown.length) return
      const now = recheck(values).errors // reads (so follows) the values it checks
      const fixed = shown.filter((f) => !now[f])
      if (!fixed.length) return
      setCheckedShown(shown.filter((f) => now[f]))
      const next = { ...untrack(errors) }
      for (const f of fixed) delete next[f]
      setErrors(next)
    })
  const [busy, setBusy] = createSignal(false)
  const focusFirstError = (form: HTMLFormElement) =>
    queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())

  return {
    values,
    set,
    errors,
    setErrors: (e) => {
      setCheckedShown([])
      setErrors(e)
    },
    err: (field) => show(errors()[field]),
    busy,
    async submit(e, checked, send, shown, alias) {
      e.preventDefault()
      if (busy()) return
      const form = e.currentTarget as HTMLFormElement
      setErrors(checked.errors)
      setCheckedShown(Object.keys(checked.errors))
      if (Object.keys(checked.errors).length) return focusFirstError(form)
      setBusy(true)
      try {
        await send()
      } catch (err) {
        setCheckedShown([])
        setErrors(toErrors(asFailure(err), shown, alias))
        focusFirstError(form)
      } finally {
        setBusy(false)
      }
    },
  }
}
