import { Show, Suspense, createSignal, lazy } from 'solid-js'
import { t } from '../lib/i18n.ts'
import './reserve.css'

// The sheet (SMS reminder, 加入日历) loads when someone taps 预约直播: the first load carries only this button.
const ReserveSheet = lazy(() => import('./reserve/ReserveSheet.tsx'))

/** 「预约直播」 for an upcoming stream: its sheet offers an SMS reminder before the start and 加入日历 (.ics). */
export function ReserveButton(props: { streamId: string; title: string; class: string }) {
  const [open, setOpen] = createSignal(false)
  return (
    <div class={props.class}>
      <button type="button" class="button primary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('reserve.button')}
      </button>
      <Show when={open()}>
        <Suspense>
          <ReserveSheet streamId={props.streamId} title={props.title} onClose={() => setOpen(false)} />
        </Suspense>
      </Show>
    </div>
  )
}
