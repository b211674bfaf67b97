import { Show, createUniqueId, onCleanup, onMount, type JSX } from 'solid-js'
import { Portal } from 'solid-js/web'
import { t } from '../lib/i18n.ts'

/** A bottom sheet (a centred dialog on wide screens) over a dimmed page; Escape or × closes it. */
export function Sheet(props: { open: boolean; title: string; onClose: () => void; children: JSX.Element }) {
  return (
    <Show when={props.open}>
      <Portal>
        <SheetBody title={props.title} onClose={props.onClose}>
          {props.children}
        </SheetBody>
      </Portal>
    </Show>
  )
}

function SheetBody(props: { title: string; onClose: () => void; children: JSX.Element }) {
  const id = createUniqueId()
  let box!: HTMLDivElement
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') props.onClose()
  }
  onMount(() => {
    document.addEventListener('keydown', onKey)
    box.focus()
  })
  onCleanup(() => document.removeEventListener('keydown', onKey))
  return (
    <>
      <div class="sheet-backdrop" onClick={() => props.onClose()} />
      <div class="sheet" role="dialog" aria-modal="true" aria-labelledby={`sheet-${id}`} tabIndex={-1} ref={box}>
        <div class="sheet-head">
          <h2 id={`sheet-${id}`}>{props.title}</h2>
          <button type="button" class="icon-button" aria-label={t('watch.close')} onClick={() => props.onClose()}>
            ×
          </button>
        </div>
        <div class="sheet-body">{props.children}</div>
      </div>
    </>
  )
}
