import { Show, Suspense, createSignal, lazy } from 'solid-js'
import { home } from '../../lib/home-place.ts'
import { t } from '../../lib/i18n.ts'

// The picker and the gazetteer in it load only when the viewer asks (first load stays light).
const HomePicker = lazy(() => import('./HomePicker.tsx'))

/** Above the room's job list: pick where you live, and the list goes nearest first. */
export function NearHome() {
  const [open, setOpen] = createSignal(false)
  return (
    <div class="near-home">
      <Show
        when={open()}
        fallback={
          <Show
            when={home()}
            fallback={
              <button type="button" class="near-pick" onClick={() => setOpen(true)}>
                {t('near.pick')}
              </button>
            }
          >
            {(h) => (
              <p class="near-now">
                <span>{t('near.home', { name: h().name })}</span>
                <button type="button" class="link-button" onClick={() => setOpen(true)}>
                  {t('near.change')}
                </button>
              </p>
            )}
          </Show>
        }
      >
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <HomePicker onDone={() => setOpen(false)} />
        </Suspense>
      </Show>
    </div>
  )
}
