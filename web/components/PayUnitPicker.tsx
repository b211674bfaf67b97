import { For } from 'solid-js'
import type { PayUnit } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { wt } from '../lib/staff-words.ts'
import { FieldGroup } from './Field.tsx'

const UNITS: PayUnit[] = ['month', 'day', 'hour', 'piece']

export function PayUnitPicker(props: { value: PayUnit; onChange: (u: PayUnit) => void }) {
  return (
    <FieldGroup legend={wt('jobForm.payUnit')}>
      <div class="segmented">
        <For each={UNITS}>
          {(unit) => (
            <label>
              <input type="radio" name="pay-unit" value={unit} checked={props.value === unit} onChange={() => props.onChange(unit)} />
              <span>{t(`pay.unitName.${unit}`)}</span>
            </label>
          )}
        </For>
      </div>
    </FieldGroup>
  )
}
