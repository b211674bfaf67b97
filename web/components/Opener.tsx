import { Show, type JSX } from 'solid-js'

/** A primary button ("new job", "new fair"…) that gives its place to what it opens. */
export function Opener(props: { label: string; open: boolean; onOpen: () => void; disabled?: boolean; children: JSX.Element }) {
  return (
    <Show
      when={props.open}
      fallback={
        <button type="button" class="primary" disabled={props.disabled} onClick={() => props.onOpen()}>
          {props.label}
        </button>
      }
    >
      {props.children}
    </Show>
  )
}
