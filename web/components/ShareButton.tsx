import { Show, Suspense, createSignal, lazy } from 'solid-js'
import { t } from '../lib/i18n.ts'
import type { ShareTarget } from './share/ShareSheet.tsx'

// The sheet (poster, link, QR code) loads when someone taps 分享: the viewer's first load carries only this button.
const ShareSheet = lazy(() => import('./share/ShareSheet.tsx'))

/** 「分享」: opens the share sheet for a stream or a fair; `src` overrides the sharer's own channel (see ShareSheet). */
export function ShareButton(props: { target: () => ShareTarget; src?: string; class?: string; label?: string }) {
  const [open, setOpen] = createSignal(false)
  return (
    <>
      <button type="button" class={props.class ?? 'button'} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {props.label ?? t('share.button')}
      </button>
      <Show when={open()}>
        <Suspense>
          <ShareSheet target={props.target()} src={props.src} onClose={() => setOpen(false)} />
        </Suspense>
      </Show>
    </>
  )
}
