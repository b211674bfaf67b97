import { Show, type JSX } from 'solid-js'

/** A labelled form control with its hint and its error right under it. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: JSX.Element }) {
  return (
    <div class="field" classList={{ invalid: !!props.error }}>
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      {props.children}
      <Show when={props.error}>
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  )
}
