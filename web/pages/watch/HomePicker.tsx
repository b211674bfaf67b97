import { Show, createSignal } from 'solid-js'
import { pointOf, type TownRef } from '../../../schemas/gazetteer/lookup.ts'
import { devicePlace, home, setHome } from '../../lib/home-place.ts'
import { t } from '../../lib/i18n.ts'
import { pt } from '../../lib/page-words.ts'
import TownSelect from '../../components/TownSelect.tsx'
import './home-picker.css'

/**
 * 「您住在哪个乡镇？」: county → town, or the phone's position. Its own chunk (it carries the
 * gazetteer), loaded when the viewer opens it; the choice stays on this phone (lib/home-place.ts).
 */
export default function HomePicker(props: { onDone: () => void }) {
  const [failed, setFailed] = createSignal(false)
  const [locating, setLocating] = createSignal(false)
  const pick = (ref: TownRef | null) => {
    if (ref) setHome({ name: ref.name, townCode: ref.town.code, ...pointOf(ref) })
  }
  const locate = () => {
    if (!('geolocation' in navigator)) return setFailed(true)
    setFailed(false)
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false)
        setHome(devicePlace(p.coords.latitude, p.coords.longitude, pt('near.myPosition')))
        props.onDone()
      },
      () => {
        setLocating(false)
        setFailed(true)
      },
      { timeout: 15_000, maximumAge: 600_000 },
    )
  }
  return (
    <section class="home-picker" aria-label={pt('near.title')}>
      <h3>{pt('near.title')}</h3>
      <TownSelect id="home-town" label={pt('near.label')} value={home()?.townCode ? home()!.name : ''} onChange={pick} />
      <p class="hint">{pt('near.hint')}</p>
      {/* GeoNames data is CC BY 4.0: credit where its points are used (schemas/gazetteer/README.md) */}
      <p class="hint">{pt('near.source')}</p>
      <Show when={failed()}>
        <p class="error" role="alert">
          {pt('near.locateFailed')}
        </p>
      </Show>
      <div class="home-actions">
        <button type="button" onClick={locate} disabled={locating()}>
          {locating() ? pt('near.locating') : pt('near.locate')}
        </button>
        <Show when={home()}>
          <button
            type="button"
            onClick={() => {
              setHome(null)
              props.onDone()
            }}
          >
            {pt('near.forget')}
          </button>
        </Show>
        <button type="button" class="primary" onClick={() => props.onDone()}>
          {pt('near.done')}
        </button>
      </div>
    </section>
  )
}
