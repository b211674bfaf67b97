import { Show, type JSX } from 'solid-js'

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
