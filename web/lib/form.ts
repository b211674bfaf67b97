import { createSignal } from 'solid-js'
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

export function createForm<V extends object>(initial: V): Form<V> {
  const [values, set] = createStore<V>(initial)
  const [errors, setErrors] = createSignal<Errors>({})
  const [busy, setBusy] = createSignal(false)
  const focusFirstError = (form: HTMLFormElement) =>
    queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())

  return {
    values,
    set,
    errors,
    setErrors,
    err: (field) => show(errors()[field]),
    busy,
    async submit(e, checked, send, shown, alias) {
      e.preventDefault()
      if (busy()) return
      const form = e.currentTarget as HTMLFormElement
      setErrors(checked.errors)
      if (Object.keys(checked.errors).length) return focusFirstError(form)
      setBusy(true)
      try {
        await send()
      } catch (err) {
        setErrors(toErrors(asFailure(err), shown, alias))
        focusFirstError(form)
      } finally {
        setBusy(false)
      }
    },
  }
}
