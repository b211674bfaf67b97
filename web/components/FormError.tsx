import { Show } from 'solid-js'

export function FormError(props: { message?: string }) {
  return (
    <Show when={props.message}>
      <p class="form-error" role="alert">
        {props.message}
      </p>
    </Show>
  )
}
