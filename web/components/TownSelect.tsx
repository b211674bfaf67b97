import { For, createSignal } from 'solid-js'
import { counties, findTown, readTown, type TownRef } from '../../schemas/gazetteer/lookup.ts'
import { t } from '../lib/i18n.ts'
import { pt } from '../lib/page-words.ts'
import { Field } from './Field.tsx'

// The county → town pick (乡/镇/街道 from schemas/gazetteer). It carries the gazetteer's data, so
// the viewer's pages load it lazily (a picker or a sheet opening), never in the first load.

type Props = {
  /** id prefix of the two selects (`<id>-county`, `<id>`) */
  id: string
  label: string
  /** A town's canonical name (「商水县平店乡」), or what an older record says (shown if it starts with a town). */
  value: string
  onChange: (town: TownRef | null) => void
  error?: string
}

/** Two selects, county then town; the town's canonical name is what the form sends. */
export default function TownSelect(props: Props) {
  const initial = () => (props.value ? findTown(props.value) ?? readTown(props.value)?.ref : undefined)
  const [county, setCounty] = createSignal(initial()?.county.code ?? (counties.length === 1 ? counties[0]!.code : ''))
  const towns = () => counties.find((c) => c.code === county())?.towns ?? []
  const town = () => {
    const ref = props.value ? findTown(props.value) ?? readTown(props.value)?.ref : undefined
    return ref && ref.county.code === county() ? ref.town.code : ''
  }
  const describedBy = () => (props.error ? `${props.id}-error` : undefined)
  return (
    <div class="town-select">
      <Field id={`${props.id}-county`} label={pt('town.county', { label: props.label })}>
        <select
          id={`${props.id}-county`}
          value={county()}
          onChange={(e) => {
            setCounty(e.currentTarget.value)
            props.onChange(null)
          }}
        >
          <option value="">{pt('town.pickCounty')}</option>
          <For each={counties}>{(c) => <option value={c.code}>{`${c.name}（${c.city}）`}</option>}</For>
        </select>
      </Field>
      <Field id={props.id} label={pt('town.town', { label: props.label })} error={props.error}>
        <select id={props.id} value={town()} disabled={!county()} aria-invalid={!!props.error} aria-describedby={describedBy()} onChange={(e) => props.onChange(findTown(e.currentTarget.value) ?? null)}>
          <option value="">{pt('town.pickTown')}</option>
          <For each={towns()}>{(tw) => <option value={tw.code}>{tw.name}</option>}</For>
        </select>
      </Field>
    </div>
  )
}
