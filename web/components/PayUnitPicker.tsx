import { For } from 'solid-js'
import type { PayUnit } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'

const UNITS: PayUnit[] = ['month', 'day', 'hour', 'piece']

export function PayUnitPicker(props: { value: PayUnit; onChange: (u: PayUnit) => void }) {
  return (
    <fieldset class="field">
      <legend>{t('jobForm.payUnit')}</legend>
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
    </fieldset>
  )
}
