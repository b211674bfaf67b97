import type { JSX } from 'solid-js'
import type { Form } from '../lib/form.ts'
import { Field } from './Field.tsx'

type Props = {
  form: Form<any>
  /** Key in form.values (a string value). */
  name: string
  /** Key in form errors, when it differs (e.g. 'pay.min' for payMin). */
  errorKey?: string
  label: string
  hint?: string
  type?: 'text' | 'email' | 'password' | 'number' | 'datetime-local' | 'tel'
  placeholder?: string
  autocomplete?: string
  inputmode?: JSX.HTMLAttributes<HTMLInputElement>['inputmode']
  multiline?: boolean
  step?: string
  min?: string
}

/** A labelled text input bound to one form value, showing its own error. */
export function TextField(props: Props) {
  const id = () => `f-${props.name}`
  const error = () => props.form.err(props.errorKey ?? props.name)
  const describedBy = () => [props.hint ? `${id()}-hint` : '', error() ? `${id()}-error` : ''].filter(Boolean).join(' ') || undefined
  const value = () => String(props.form.values[props.name] ?? '')
  const onInput = (e: { currentTarget: { value: string } }) => props.form.set(props.name, e.currentTarget.value)
  return (
    <Field id={id()} label={props.label} hint={props.hint} error={error()}>
      {props.multiline ? (
        <textarea id={id()} name={props.name} rows={4} placeholder={props.placeholder} value={value()} onInput={onInput} aria-invalid={!!error()} aria-describedby={describedBy()} />
      ) : (
        <input
          id={id()}
          name={props.name}
          type={props.type ?? 'text'}
          placeholder={props.placeholder}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          step={props.step}
          min={props.min}
          value={value()}
          onInput={onInput}
          aria-invalid={!!error()}
          aria-describedby={describedBy()}
        />
      )}
    </Field>
  )
}

/**
 * The phone box of the sign-up forms (报名, 预约直播, 代报名): a digits keypad and the phone's own
 * autofill; `autocomplete="off"` where the device is shared (the station types for villagers).
 * Here, not in a file of its own: a module only those three lazy forms import becomes a chunk of
 * its own, which the first load's preload map then names.
 */
export function PhoneField(props: { form: Form<any>; label: string; hint: string; autocomplete?: 'tel' | 'off' }) {
  return <TextField form={props.form} name="phone" type="tel" inputmode="numeric" autocomplete={props.autocomplete ?? 'tel'} label={props.label} hint={props.hint} />
}
