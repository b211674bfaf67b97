import { Show } from 'solid-js'
import type { Form } from '../lib/form.ts'
import { t } from '../lib/i18n.ts'
import { FormError } from './FormError.tsx'
import { SubmitButton } from './SubmitButton.tsx'

/** The foot of every form: its form-level error, the submit button and, if given, cancel. */
export function FormActions(props: { form: Form<any>; label: string; busyLabel?: string; onCancel?: () => void }) {
  return (
    <>
      <FormError message={props.form.err('_form')} />
      <div class="actions">
        <SubmitButton busy={props.form.busy()} label={props.label} busyLabel={props.busyLabel} />
        <Show when={props.onCancel}>
          <button type="button" onClick={() => props.onCancel?.()} disabled={props.form.busy()}>
            {t('common.cancel')}
          </button>
        </Show>
      </div>
    </>
  )
}
