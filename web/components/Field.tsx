import { Show, type JSX } from 'solid-js'
import type { Form } from '../lib/form.ts'

/** A labelled form control with its hint and its error right under it. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: JSX.Element }) {
  return (
    <div class="field" classList={{ invalid: !!props.error }}>
      <label for={props.id}>{props.label}</label>
      <Hint id={props.id} text={props.hint} />
      {props.children}
      <ErrorText id={props.id} text={props.error} />
    </div>
  )
}

/** A group of controls under one legend (checkboxes, radio buttons, chips), the same way round. */
export function FieldGroup(props: { legend: string; id?: string; hint?: string; error?: string; children: JSX.Element }) {
  return (
    <fieldset class="field" classList={{ invalid: !!props.error }} aria-describedby={props.id && props.hint ? `${props.id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      <Hint id={props.id} text={props.hint} />
      {props.children}
      <ErrorText id={props.id} text={props.error} />
    </fieldset>
  )
}

/**
 * The consent box of the sign-up forms, bound to `form.values.consent`: its words name exactly what
 * is agreed to (each form its own), the form's message for `consent` right under it. Here, not in a
 * file of its own, for the reason given at PhoneField (TextField.tsx).
 */
export function ConsentCheck(props: { form: Form<any>; label: string }) {
  const error = () => props.form.err('consent')
  return (
    <div class="field" classList={{ invalid: !!error() }}>
      <label class="check consent">
        <input
          id="f-consent"
          type="checkbox"
          checked={props.form.values.consent}
          onChange={(e) => props.form.set('consent', e.currentTarget.checked)}
          aria-invalid={!!error()}
          aria-describedby={error() ? 'f-consent-error' : undefined}
        />
        <span>{props.label}</span>
      </label>
      <ErrorText id="f-consent" text={error()} />
    </div>
  )
}

function Hint(props: { id?: string; text?: string }) {
  return (
    <Show when={props.text}>
      <p class="hint" id={props.id ? `${props.id}-hint` : undefined}>
        {props.text}
      </p>
    </Show>
  )
}

function ErrorText(props: { id?: string; text?: string }) {
  return (
    <Show when={props.text}>
      <p class="error" id={props.id ? `${props.id}-error` : undefined} role="alert">
        {props.text}
      </p>
    </Show>
  )
}
